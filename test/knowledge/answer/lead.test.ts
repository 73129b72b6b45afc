// The short answer: the one row or sentence that answers the aspect for the case asked leads, then the name and source.
import { describe, expect, it } from 'vitest';
import { isExpiredProvision, validUntil } from '../../../src/knowledge/answer/dated.js';
import { wantsWholeSection } from '../../../src/knowledge/answer/extractive-writer.js';
import { createExtractiveWriter } from '../../../src/knowledge/answer/index.js';
import { normalizeMoney } from '../../../src/knowledge/answer/money.js';
import type { Aspect, Passage } from '../../../src/knowledge/types.js';

const TODAY = new Date('2026-12-03T09:00:00Z');
const writer = createExtractiveWriter({ today: () => TODAY });

function passage(aspect: Aspect, section: string, text: string, ordinal = 0): Passage {
  return {
    chunkId: ordinal + 1,
    code: '9.000346',
    title: 'Cấp giấy phép lái xe',
    kind: 'procedure',
    level: 'tỉnh',
    url: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/9.000346',
    section,
    aspect,
    ordinal,
    score: 1,
    text,
  };
}

async function ask(question: string, passages: Passage[]) {
  return writer.write({ question, retrieval: { passages, abstained: false, aspect: 'none' } });
}

/** The lines before the procedure's name and the source line. */
const leadOf = (text: string) => text.split('\n').slice(0, -2).join('\n');

const FEES =
  'Trực tuyến, Trực tiếp: 7 Ngày; phí, lệ phí: Miễn phí (- Phí sát hạch lái xe: + Đối với thi sát hạch lái xe ô tô (hạng xe B, C1, C, D1, D2, D): Sát hạch lý thuyết: 100.000 đồng/lần, Sát hạch thực hành trong hình: 350.000 đồng/lần. + Đối với thi sát hạch lái xe mô tô hạng A1, A: Sát hạch lý thuyết: 60.000 đồng/lần, Sát hạch thực hành: 70.000 đồng/lần.)';

describe('the sentence that leads a short answer', () => {
  it('gives the A1 motorbike test fee, not the car fees', async () => {
    const a = await ask('Phí sát hạch lý thuyết khi thi bằng lái xe máy hạng A1 là bao nhiêu?', [
      passage('le_phi', 'Phí, lệ phí', FEES),
      passage('thoi_han', 'Thời hạn giải quyết', FEES, 1),
    ]);
    const lead = leadOf(a.text);
    expect(lead.split('\n')[0]).toMatch(/^Phí, lệ phí:/u);
    expect(lead).toContain('hạng A1, A: Sát hạch lý thuyết: 60.000 đồng/lần');
    expect(lead).not.toContain('350.000');
    expect(a.text.split('\n').at(-2)).toBe('Thủ tục «Cấp giấy phép lái xe» (cấp tỉnh)');
    expect(a.text.split('\n').at(-1)).toContain('mã thủ tục 9.000346 — https://dichvucong.gov.vn/');
    expect(a.more).toEqual({ code: '9.000346', aspect: 'le_phi' });
  });

  it('gives the online time when the resident asks online, and the in-person time when asked in person', async () => {
    const rows =
      'Trực tuyến: 3 Ngày làm việc; phí, lệ phí: Miễn phí\nTrực tiếp: 7 Ngày làm việc; phí, lệ phí: Miễn phí';
    const passages = [passage('thoi_han', 'Thời hạn giải quyết', rows)];
    const online = leadOf((await ask('nộp online thì bao lâu có kết quả?', passages)).text);
    expect(online).toBe('Thời hạn giải quyết: Trực tuyến: 3 Ngày làm việc');
    const inPerson = leadOf((await ask('đến nộp trực tiếp thì mất mấy ngày?', passages)).text);
    expect(inPerson).toBe('Thời hạn giải quyết: Trực tiếp: 7 Ngày làm việc');
    // no channel named: every channel's time, on one line
    const any = leadOf((await ask('làm mất bao lâu?', passages)).text);
    expect(any).toBe('Thời hạn giải quyết: Trực tuyến: 3 Ngày làm việc; Trực tiếp: 7 Ngày làm việc');
  });

  it('answers "where" with where the resident goes, never with the agencies consulted', async () => {
    const a = await ask('nộp hồ sơ ở đâu?', [
      passage(
        'co_quan',
        'Cơ quan thực hiện, nơi nộp hồ sơ',
        'Cơ quan thực hiện: Sở Xây dựng\nĐịa chỉ tiếp nhận hồ sơ: Bộ phận Một cửa của Sở Xây dựng\nCơ quan phối hợp: Bộ Công an\nCách thức nộp hồ sơ: Trực tiếp',
      ),
    ]);
    const lead = leadOf(a.text);
    expect(lead).toMatch(
      /^Cơ quan thực hiện, nơi nộp hồ sơ: (?:\n {2}- )?Địa chỉ tiếp nhận hồ sơ: Bộ phận Một cửa của Sở Xây dựng/u,
    );
    expect(lead).not.toContain('Bộ Công an');
  });

  it('marks a fee valid only up to a date that has passed, and keeps one still in force unmarked', async () => {
    const rows =
      'Trực tiếp: 5 Ngày làm việc; phí, lệ phí: 50,000 VNĐ (Lệ phí: 25.000 đồng/lần áp dụng đến hết ngày 31/12/2023. Lệ phí từ năm 2024: 50.000 đồng/lần.)';
    const a = await ask('lệ phí áp dụng đến hết ngày 31/12/2023 là bao nhiêu?', [
      passage('le_phi', 'Phí, lệ phí', rows),
    ]);
    expect(a.text).toMatch(
      /25\.000 đồng\/lần áp dụng đến hết ngày 31\/12\/2023\. \(mức này ghi thời hạn áp dụng đã qua/u,
    );
    expect(isExpiredProvision('miễn lệ phí đến hết ngày 31 tháng 12 năm 2026', TODAY)).toBe(false);
    expect(isExpiredProvision('giảm 50% đến hết ngày 31/12/2023', TODAY)).toBe(true);
    expect(isExpiredProvision('áp dụng đến hết năm 2025', TODAY)).toBe(true);
    expect(isExpiredProvision('áp dụng đến hết ngày 03/12/2026', TODAY)).toBe(false);
    expect(validUntil('không ghi ngày nào')).toBeUndefined();
  });

  it('writes money in one style', () => {
    expect(normalizeMoney('135,000 VNĐ; 160.000đ/lần; 4,500,000 Việt Nam Đồng; 20000 đồng')).toBe(
      '135.000 đồng; 160.000 đồng/lần; 4.500.000 đồng; 20.000 đồng',
    );
    // words that merely start with "đ" are not money; USD stays
    expect(normalizeMoney('nộp 02 bản đất ở, 10 USD')).toBe('nộp 02 bản đất ở, 10 USD');
  });

  it('leads a "bao nhiêu điểm" question on a plan with the figure for the thing asked', async () => {
    const text =
      'Theo kết quả công bố Chỉ số PAPI năm 2021, tỉnh Bắc Kạn đạt 42,153/80 điểm, giảm 0,567 điểm so với năm 2020.\n- 04/8 chỉ số nội dung đạt điểm thấp so với điểm tối đa, gồm: Tham gia của người dân ở cấp cơ sở đạt 4,86/10 điểm; Trách nhiệm giải trình với người dân đạt 4,25/10 điểm; Quản trị môi trường đạt 3,65/10 điểm; Quản trị điện tử đạt 2,58/10 điểm.';
    const plan: Passage = {
      ...passage('text', 'I. Kết quả', text),
      code: '416/KH-UBND',
      title: 'Kế hoạch 416/KH-UBND',
      kind: 'plan',
    };
    const a = await ask('Chỉ số quản trị điện tử của Bắc Kạn năm 2021 được bao nhiêu điểm?', [plan]);
    expect(a.text.split('\n')[0]).toBe('Quản trị điện tử đạt 2,58/10 điểm.');
    expect(a.text.split('\n')[1]).toBe('Theo «Kế hoạch 416/KH-UBND»:');
  });

  it('knows when the resident asks for the whole section ("Xem đủ"), typed or from the button', () => {
    expect(wantsWholeSection('Xem đủ: Phí, lệ phí')).toBe(true);
    expect(wantsWholeSection('cho xem day du ho so')).toBe(true);
    expect(wantsWholeSection('lệ phí bao nhiêu')).toBe(false);
  });
});

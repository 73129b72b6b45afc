import { describe, expect, it } from 'vitest';
import { createExtractiveWriter, emptyQuestionMessage, tooLongMessage } from '../../../src/knowledge/answer/index.js';
import { procedureHeading } from '../../../src/knowledge/answer/messages.js';
import { normalizeMoney } from '../../../src/knowledge/answer/money.js';
import { LexicalIndex, LexicalRetriever } from '../../../src/knowledge/search/index.js';
import type { Answer, Passage } from '../../../src/knowledge/types.js';
import { parseSynonyms } from '../../../src/knowledge/vietnamese/index.js';
import { CORPUS, SYNONYMS } from '../search/corpus.js';

const synonyms = parseSynonyms(SYNONYMS);
const retriever = new LexicalRetriever({ index: LexicalIndex.build(CORPUS), synonyms });
const writer = createExtractiveWriter({ synonyms });

async function answer(question: string): Promise<{ answer: Answer; passages: Passage[] }> {
  const retrieval = retriever.retrieveSync(question, { k: 40 });
  return { answer: await writer.write({ question, retrieval }), passages: retrieval.passages };
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The quoted parts of an answer: every line but the procedure's name and the source line (the last two), without
 * the section label or bullet, split where text was cut ("…"), money in the answers' one style.
 */
function quotedFragments(text: string): string[] {
  // a legal or plan document's answer starts with its name ("Theo «…»:"), a procedure's ends with it
  const all = text.split('\n');
  const named = all.findIndex((l) => l.startsWith('Theo «'));
  const lines = named >= 0 ? all.filter((_, i) => i !== named).slice(0, -1) : all.slice(0, -2);
  return lines
    .map((l) =>
      l.replace(
        /^(?:Thành phần hồ sơ|Thời hạn giải quyết|Phí, lệ phí|Trình tự thực hiện|Cơ quan thực hiện, nơi nộp hồ sơ|Yêu cầu, điều kiện|Kết quả thực hiện|Đối tượng thực hiện|Thông tin chung|Căn cứ pháp lý):\s?/u,
        '',
      ),
    )
    .map((l) => l.replace(/^\s*-\s/u, '').trim())
    .flatMap((l) => l.split('…'))
    .map((f) => flat(f))
    .filter((f) => f.length > 0);
}

const CHANNELS = /^(?:Trực tuyến|Trực tiếp|Dịch vụ bưu chính)(?:, (?:Trực tuyến|Trực tiếp|Dịch vụ bưu chính))*: /u;

/**
 * A time or fee table's answer is written "Trực tuyến: 7 Ngày làm việc; Trực tiếp: …": the channels and the
 * cells each come from the record; any other fragment is checked whole.
 */
function tableCells(fragment: string): string[] {
  if (!CHANNELS.test(fragment)) return [fragment];
  return fragment
    .split(/;\s(?=(?:Trực tuyến|Trực tiếp|Dịch vụ bưu chính))/u)
    .map((p) => p.replace(CHANNELS, '').trim());
}

const QUESTIONS = [
  'Đăng ký thường trú mất bao lâu và lệ phí bao nhiêu nếu nộp online?',
  'dang ky tam tru het bao nhieu tien',
  'làm sổ đỏ lần đầu mất bao lâu, nộp ở đâu?',
  'bị mất bằng lái thì làm lại thế nào, có mất phí không',
  'Sinh con bao lâu thì phải đi đăng ký khai sinh, có mất lệ phí không?',
  'đăng ký kết hôn cần giấy tờ gì',
  'PAPI năm 2021 Bắc Kạn được bao nhiêu điểm, xếp thứ mấy?',
];

describe('extractive answer writer', () => {
  it('never states a fact that is not in a passage: every quoted fragment and number comes from the sources', async () => {
    for (const question of QUESTIONS) {
      const { answer: a, passages } = await answer(question);
      expect(a.abstained).toBe(false);
      // money is written one way in answers ("10,000 Việt Nam Đồng" → "10.000 đồng"); the words are the source's
      const source = normalizeMoney(flat(passages.map((p) => p.text).join('\n')));
      expect(quotedFragments(a.text).length).toBeGreaterThan(0);
      for (const fragment of quotedFragments(a.text))
        for (const part of tableCells(fragment)) expect(source, `${question} → ${part}`).toContain(part);
      const allowed = `${source} ${passages.map((p) => `${p.title} ${p.code} ${p.url ?? ''}`).join(' ')}`;
      for (const n of a.text.match(/\d+(?:[.,/]\d+)*/g) ?? []) expect(allowed, `${question} → ${n}`).toContain(n);
    }
  });

  it('picks the fee passage for a fee question, the channel asked, and names level and source', async () => {
    const { answer: a } = await answer('Đăng ký thường trú lệ phí bao nhiêu nếu nộp online?');
    const lines = a.text.split('\n');
    // the fee for the channel asked leads; then the procedure's name and the source
    expect(lines[0]).toMatch(/^Phí, lệ phí:/u);
    expect(lines.slice(0, -2).join('\n')).toContain('Trực tuyến: 10.000 đồng');
    expect(lines.slice(0, -2).join('\n')).not.toContain('20.000');
    expect(lines.at(-2)).toBe('Thủ tục «Đăng ký thường trú» (cấp xã)');
    expect(lines.at(-1)).toBe(
      'Nguồn: Cổng DVC quốc gia, mã thủ tục 1.004222 — https://dichvucong.gov.vn/thu-tuc-hanh-chinh/1.004222',
    );
    expect(a.sources[0]).toMatchObject({ code: '1.004222', section: 'Phí, lệ phí' });
    expect(a.focus).toEqual({ code: '1.004222', title: 'Đăng ký thường trú', level: 'xã' });
    expect(a.docCodes[0]).toBe('1.004222');
  });

  it('answers each aspect asked, once, and quotes the time a step states when the question asks "how long"', async () => {
    const both = (await answer('Đăng ký thường trú mất bao lâu và lệ phí bao nhiêu?')).answer.text;
    expect(both).toContain('7 Ngày làm việc');
    // time and fee rows are the same text: quoted once
    expect(both.match(/Trực tiếp: 7 Ngày làm việc/g)).toHaveLength(1);
    const birth = (await answer('Sinh con bao lâu thì phải đi đăng ký khai sinh?')).answer.text;
    expect(birth).toContain('60 ngày');
  });

  it('lists the documents to bring for a documents question', async () => {
    const { answer: a } = await answer('làm giấy khai sinh cần mang những gì');
    expect(a.text).toContain('Tờ khai đăng ký khai sinh');
    expect(a.text).toContain('Giấy chứng sinh');
  });

  it('says plainly when nothing relevant was found and offers to pass the question to staff', async () => {
    const { answer: a } = await answer('Giá vàng SJC hôm nay bao nhiêu một lượng?');
    expect(a.abstained).toBe(true);
    expect(a.text).toMatch(/chưa tìm thấy thông tin/);
    expect(a.text).toMatch(/chuyển câu hỏi này tới cán bộ/);
    expect(a.sources).toEqual([]);
    expect(a.focus).toBeUndefined();
    const formal = createExtractiveWriter({ addressForm: 'Quý vị' });
    const polite = await formal.write({ question: 'x', retrieval: { passages: [], abstained: true, aspect: 'none' } });
    expect(polite.text).toContain('Quý vị có muốn');
  });

  it('speaks like the conversation core: the configured form of address and "chúng tôi", never "bạn"/"tôi"', async () => {
    const nothing = { passages: [], abstained: true, aspect: 'none' as const };
    for (const form of ['Bạn', 'Quý vị'] as const) {
      const { text } = await createExtractiveWriter({ addressForm: form }).write({ question: 'x', retrieval: nothing });
      expect(text).toContain(`Xin lỗi, chúng tôi chưa tìm thấy thông tin phù hợp với câu hỏi của ${form} `);
      expect(text).toContain(`${form} có muốn chuyển câu hỏi này tới cán bộ`);
      expect(text.replaceAll('chúng tôi', '')).not.toMatch(/(^|[\s,.])(tôi|bạn)([\s,.?]|$)/u);
    }
    expect(emptyQuestionMessage('Quý vị')).toMatch(/^Chúng tôi chưa nhận được câu hỏi\. Quý vị vui lòng/);
    expect(tooLongMessage(2000, 'Bạn')).toContain('Bạn vui lòng rút gọn');
  });

  it('does not say "Thủ tục" twice when the procedure\'s title starts with it', async () => {
    const { answer: a } = await answer('đăng ký khai sinh cần giấy tờ gì');
    expect(a.docCodes[0]).toBe('1.001193');
    expect(a.text.split('\n').at(-2)).toBe('«Thủ tục đăng ký khai sinh» (cấp xã)');
    expect(procedureHeading('THỦ TỤC cấp bản sao trích lục hộ tịch', undefined)).toBe(
      '«THỦ TỤC cấp bản sao trích lục hộ tịch»:',
    );
    expect(procedureHeading('Thủ tục', 'tỉnh')).toBe('«Thủ tục» (cấp tỉnh):');
    // a title that merely contains the words keeps the prefix
    expect(procedureHeading('Đăng ký thủ tục đầu tư', 'trung ương')).toBe(
      'Thủ tục «Đăng ký thủ tục đầu tư» (cấp trung ương):',
    );
  });

  it('keeps answers short: a chat message, not a page', async () => {
    for (const question of QUESTIONS) expect((await answer(question)).answer.text.length).toBeLessThan(1600);
  });

  it('answers "where" with the agency that carries the procedure out, not the agencies it consults', async () => {
    const passage: Passage = {
      chunkId: 1,
      code: '9.000001',
      title: 'Cấp giấy phép thử',
      kind: 'procedure',
      level: 'tỉnh',
      section: 'Cơ quan thực hiện',
      aspect: 'co_quan',
      ordinal: 0,
      score: 1,
      text: 'Cơ quan phối hợp: Bộ Công an\nCơ quan thực hiện: Sở Tư pháp\nCách thức nộp hồ sơ: Trực tiếp',
    };
    const a = await writer.write({
      question: 'Cấp giấy phép thử nộp ở đâu?',
      retrieval: { passages: [passage], abstained: false, aspect: 'co_quan' },
    });
    expect(a.text).toContain('Cơ quan thực hiện: Sở Tư pháp');
    expect(a.text).not.toContain('Bộ Công an');
  });
});

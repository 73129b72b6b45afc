// The re-parser of the run-together `cach_thuc_thuc_hien` cells, on synthetic cells and real records.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeSubmissionRows,
  findTimeUnits,
  parseCachThuc,
} from '../../../src/knowledge/chunk/procedure/parse-cach-thuc.js';
import { EVAL_DATA_DIR, hasSharedData } from '../../support/shared-data.js';

const HEADER = 'Hình thức nộpThời gianPhí, lệ phíMô tả';

function realCell(ministry: string, code: string): string {
  const file = path.join(EVAL_DATA_DIR, 'tthc-dichvucong/raw', ministry, `${code}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { cach_thuc_thuc_hien: string }).cach_thuc_thuc_hien;
}

describe('parseCachThuc', () => {
  it('splits channels, times, fees and descriptions', () => {
    const rows = parseCachThuc(
      `${HEADER}Trực tuyến2 Ngày làm việc5,000 Việt Nam Đồng(Nộp qua cổng.)Dịch vụ bưu chính30 NgàyMiễn phíTrực tiếp4 GiờKhông có thông tinTrực tiếp tại Bộ phận Một cửa.`,
    );
    expect(rows).toEqual([
      { channel: 'Trực tuyến', time: '2 Ngày làm việc', fee: '5,000 Việt Nam Đồng', description: 'Nộp qua cổng.' },
      { channel: 'Dịch vụ bưu chính', time: '30 Ngày', fee: 'Miễn phí', description: '' },
      { channel: 'Trực tiếp', time: '4 Giờ', fee: 'Không có thông tin', description: 'Trực tiếp tại Bộ phận Một cửa.' },
    ]);
  });

  it('keeps a "Miễn phí" fee whose description states the real fee, word for word', () => {
    const [row] = parseCachThuc(`${HEADER}Trực tiếp3 Ngày làm việcMiễn phí(Lệ phí: 15.000 đồng/bản.)`);
    expect(row).toMatchObject({ fee: 'Miễn phí', description: 'Lệ phí: 15.000 đồng/bản.' });
    expect(
      describeSubmissionRows(parseCachThuc(`${HEADER}Trực tiếp3 Ngày làm việcMiễn phí(Lệ phí: 15.000 đồng/bản.)`)),
    ).toEqual(['Trực tiếp: 3 Ngày làm việc; phí, lệ phí: Miễn phí (Lệ phí: 15.000 đồng/bản.)']);
  });

  it('separates a unit-less time glued to a fee, using the description when it confirms the amount', () => {
    expect(parseCachThuc(`${HEADER}Trực tuyến1100 VNĐ(Phí công bố: 100.000 đồng/lần)`)[0]).toMatchObject({
      time: '1',
      fee: '100 VNĐ',
    });
    expect(parseCachThuc(`${HEADER}Trực tiếp220 VNĐ(lệ phí hải quan 20.000 đồng/ tờ khai)`)[0]).toMatchObject({
      time: '2',
      fee: '20 VNĐ',
    });
    expect(parseCachThuc(`${HEADER}Trực tiếp125 VNĐ`)[0]).toMatchObject({ time: '1', fee: '25 VNĐ' });
  });

  it('reads times given as words when no row has a number', () => {
    const rows = parseCachThuc(
      `${HEADER}Trực tiếpKhông Không có thông tinTại Trung tâm phục vụ hành chính công cấp tỉnh, xãTrực tuyếnKhông quy địnhMiễn phíQua Cổng dịch vụ công quốc gia`,
    );
    expect(rows).toEqual([
      {
        channel: 'Trực tiếp',
        time: 'Không',
        fee: 'Không có thông tin',
        description: 'Tại Trung tâm phục vụ hành chính công cấp tỉnh, xã',
      },
      { channel: 'Trực tuyến', time: 'Không quy định', fee: 'Miễn phí', description: 'Qua Cổng dịch vụ công quốc gia' },
    ]);
  });

  it('does not start a row at "Trực tiếp tại …" inside a description', () => {
    const rows = parseCachThuc(`${HEADER}Trực tiếp10 NgàyKhông có thông tinTrực tiếp tại Công an cấp tỉnh.`);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.description).toBe('Trực tiếp tại Công an cấp tỉnh.');
  });

  it('joins channels that share time, fee and description into one line', () => {
    const lines = describeSubmissionRows(
      parseCachThuc(`${HEADER}Trực tuyến10 NgàyMiễn phíDịch vụ bưu chính10 NgàyMiễn phíTrực tiếp15 NgàyMiễn phí`),
    );
    expect(lines).toEqual([
      'Trực tuyến, Dịch vụ bưu chính: 10 Ngày; phí, lệ phí: Miễn phí',
      'Trực tiếp: 15 Ngày; phí, lệ phí: Miễn phí',
    ]);
  });

  it('returns no rows for an empty cell', () => {
    expect(parseCachThuc('')).toEqual([]);
    expect(parseCachThuc(HEADER)).toEqual([]);
  });
});

describe.skipIf(!hasSharedData)('parseCachThuc on real records', () => {
  if (!hasSharedData) console.log(`skipped: no shared eval data at ${EVAL_DATA_DIR}`);

  it('re-parses Đăng ký thường trú (1.004222): online 7 days 10,000, in person 7 days 20,000', () => {
    const rows = parseCachThuc(realCell('bo-cong-an', '1.004222'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      channel: 'Trực tuyến',
      time: '7 Ngày làm việc',
      fee: '10,000 Việt Nam Đồng',
      description: 'Trường hợp công dân nộp hồ sơ qua cổng dịch vụ công trực tuyến thu 10.000 đồng/lần đăng ký.',
    });
    expect(rows[1]).toMatchObject({ channel: 'Trực tiếp', time: '7 Ngày làm việc', fee: '20,000 Việt Nam Đồng' });
    expect(rows[1]?.description).toMatch(/^Trường hợp công dân thuộc diện được miễn phí/);
    expect(describeSubmissionRows(rows)[0]).toBe(
      'Trực tuyến: 7 Ngày làm việc; phí, lệ phí: 10,000 Việt Nam Đồng (Trường hợp công dân nộp hồ sơ qua cổng dịch vụ công trực tuyến thu 10.000 đồng/lần đăng ký.)',
    );
  });

  it('reads a fee with no time (2.000635: 8,000 VNĐ)', () => {
    const rows = parseCachThuc(realCell('bo-tu-phap', '2.000635'));
    expect(rows.map((r) => [r.channel, r.time, r.fee])).toEqual([
      ['Trực tuyến', 'Không có thông tin', '8,000 VNĐ'],
      ['Dịch vụ bưu chính', 'Không có thông tin', '8,000 VNĐ'],
      ['Trực tiếp', 'Không có thông tin', '8,000 VNĐ'],
    ]);
  });
});

describe('times without a unit and fees written in thousands', () => {
  it('takes the unit the record states elsewhere for the same number, and says where it came from', () => {
    const rows = parseCachThuc(`${HEADER}Trực tiếp3Miễn phí`);
    expect(rows[0]?.time).toBe('3');
    const found = findTimeUnits(rows, [['trình tự thực hiện', 'Bước 2: trong thời hạn 03 ngày làm việc, UBND xã …']]);
    expect(describeSubmissionRows(found)).toEqual([
      'Trực tiếp: 3 Ngày làm việc (đơn vị theo trình tự thực hiện); phí, lệ phí: Miễn phí',
    ]);
  });

  it('quotes "ngay trong ngày" for a bare 1, and otherwise says plainly that the record gives no unit', () => {
    const rows = parseCachThuc(`${HEADER}Trực tiếp1Miễn phí`);
    const sameDay = findTimeUnits(rows, [
      ['trình tự thực hiện', 'công chức cấp giấy ngay trong ngày cho người yêu cầu'],
    ]);
    expect(describeSubmissionRows(sameDay)[0]).toBe(
      'Trực tiếp: thời hạn: 1 (bảng không ghi đơn vị; trình tự thực hiện ghi: "ngay trong ngày"); phí, lệ phí: Miễn phí',
    );
    const none = findTimeUnits(rows, [['trình tự thực hiện', 'nộp hồ sơ tại UBND xã']]);
    expect(describeSubmissionRows(none)[0]).toBe(
      'Trực tiếp: thời hạn: 1 (hồ sơ thủ tục không ghi đơn vị); phí, lệ phí: Miễn phí',
    );
  });

  it('reads "135 VNĐ" as 135.000 only when the description states 135.000', () => {
    const [thousands] = parseCachThuc(`${HEADER}Trực tiếp5 Ngày làm việc135 VNĐ(Lệ phí: 135.000 đồng/lần.)`);
    expect(thousands?.fee).toBe('135.000 VNĐ');
    const [plain] = parseCachThuc(`${HEADER}Trực tiếp5 Ngày làm việc200 VNĐ(Theo Thông tư 269/2016/TT-BTC.)`);
    expect(plain?.fee).toBe('200 VNĐ');
  });

  it.skipIf(!hasSharedData)('finds no unit that is not there in the real marriage registration record', () => {
    const rows = parseCachThuc(realCell('bo-tu-phap', '1.000894'));
    const text = describeSubmissionRows(findTimeUnits(rows, [['trình tự thực hiện', 'không có số ngày nào']])).join(
      '\n',
    );
    expect(text).toContain('thời hạn: 1 (hồ sơ thủ tục không ghi đơn vị)');
    expect(text).not.toContain('nguồn không ghi đơn vị');
  });
});

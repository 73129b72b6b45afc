// The faithfulness check: what a generated answer may state, given the passages it cites.
import { describe, expect, it } from 'vitest';
import { checkFaithfulness } from '../../../src/knowledge/llm/index.js';

const PASSAGES = [
  'Đăng ký thường trú — mã 1.004222 — Lệ phí\n20.000 đồng/lần đăng ký khi nộp hồ sơ trực tiếp; 10.000 đồng/lần khi nộp trực tuyến.',
  'Đăng ký thường trú — mã 1.004222 — Thành phần hồ sơ\nTờ khai thay đổi thông tin cư trú (mẫu CT01); giấy tờ chứng minh chỗ ở hợp pháp.',
  'Đăng ký thường trú — mã 1.004222 — Thời hạn giải quyết\n07 ngày làm việc kể từ ngày nhận đủ hồ sơ.',
];

function check(answer: string, question = 'Đăng ký thường trú mất bao nhiêu tiền?') {
  return checkFaithfulness({ answer, passages: PASSAGES, question });
}

describe('checkFaithfulness', () => {
  it('accepts an answer whose numbers, codes and citations all come from the cited passages', () => {
    expect(
      check('Lệ phí là 20.000 đồng khi nộp trực tiếp và 10.000 đồng khi nộp trực tuyến [1]. Cần tờ khai mẫu CT01 [2].'),
    ).toEqual({
      ok: true,
      cited: [1, 2],
    });
  });

  it('accepts other spellings of the same amount and time (50.000đ = 50000 đồng, 07 = 7)', () => {
    expect(check('Nộp trực tiếp: 20000 VNĐ [1].').ok).toBe(true);
    expect(check('Nộp trực tiếp: 20.000đ [1].').ok).toBe(true);
    expect(check('Thời hạn là 7 ngày làm việc [3].').ok).toBe(true);
  });

  it('rejects an invented amount, even one whose digits appear elsewhere', () => {
    expect(check('Lệ phí là 25.000 đồng [1].')).toEqual({ ok: false, reason: 'unsupported_number' });
    expect(check('Lệ phí là 1.004 đồng [1].')).toEqual({ ok: false, reason: 'unsupported_number' });
  });

  it('rejects a number stated with the wrong unit ("07 ngày" is in the passage, "07 tháng" is not)', () => {
    expect(check('Thời hạn là 07 tháng [3].')).toEqual({ ok: false, reason: 'unsupported_number' });
  });

  it('checks numbers against the cited passages only', () => {
    // 07 is in passage 3, but the answer cites passage 1
    expect(check('Thời hạn là 07 ngày làm việc [1].')).toEqual({ ok: false, reason: 'unsupported_number' });
  });

  it('rejects a form code or document number that is not in the cited passages', () => {
    expect(check('Dùng tờ khai mẫu CT02 [2].')).toEqual({ ok: false, reason: 'unsupported_code' });
    expect(check('Dùng tờ khai mẫu CT0 [2].')).toEqual({ ok: false, reason: 'unsupported_code' });
    expect(check('Theo Nghị định 154/2024/NĐ-CP [2].')).toEqual({ ok: false, reason: 'unsupported_code' });
  });

  it('rejects a quotation that is not in the cited passages', () => {
    expect(check('Hồ sơ gồm “giấy tờ chứng minh chỗ ở hợp pháp” [2].').ok).toBe(true);
    expect(check('Hồ sơ gồm “sổ hộ khẩu gốc” [2].')).toEqual({ ok: false, reason: 'unsupported_quote' });
  });

  it('requires at least one citation, and only to passages that exist', () => {
    expect(check('Lệ phí là 20.000 đồng.')).toEqual({ ok: false, reason: 'no_citation' });
    expect(check('Lệ phí là 20.000 đồng [4].')).toEqual({ ok: false, reason: 'bad_citation' });
    expect(check('Lệ phí là 20.000 đồng [0].')).toEqual({ ok: false, reason: 'bad_citation' });
    expect(check('Lệ phí là 20.000 đồng [1, 3].')).toEqual({ ok: true, cited: [1, 3] });
  });

  it('lets the answer repeat numbers the resident wrote, and ignores list numbering', () => {
    expect(
      check('Với 2 người cùng đăng ký, mỗi lần nộp trực tiếp là 20.000 đồng [1].', 'Hai vợ chồng, 2 người thì sao?').ok,
    ).toBe(true);
    expect(check('1. Nộp tờ khai mẫu CT01 [2].\n2. Chờ 07 ngày làm việc [3].').ok).toBe(true);
  });

  it('rejects empty and overlong answers', () => {
    expect(check('  ')).toEqual({ ok: false, reason: 'empty' });
    expect(check(`${'Lệ phí 20.000 đồng [1]. '.repeat(200)}`)).toEqual({ ok: false, reason: 'too_long' });
  });
});

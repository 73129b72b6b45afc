// The pure parts of the question queue: an answered question as an FAQ document, and the paraphrases eval --faq asks.
import { describe, expect, it } from 'vitest';
import { paraphrasesOf, toFaqDraft } from '../../src/questions/index.js';

describe('toFaqDraft', () => {
  const draft = toFaqDraft({
    questionId: 42,
    question: 'Nhà văn hoá có cho mượn   tổ chức đám cưới không? gọi 0912 345 678',
    answer: '  Có, đăng ký trước 7 ngày.  ',
    login: 'bien.tap',
    label: 'Phòng Văn hoá',
    // 20:00 UTC on 3 December is 4 December in Việt Nam
    answeredAt: new Date('2026-12-03T20:00:00Z'),
  });

  it('is a document of its own kind, coded FAQ-<id>, titled by the question without the phone number typed in it', () => {
    expect(draft.code).toBe('FAQ-42');
    expect(draft.kind).toBe('faq');
    expect(draft.title).toBe('Nhà văn hoá có cho mượn tổ chức đám cưới không? gọi');
    expect(JSON.stringify(draft)).not.toContain('345');
  });

  it('holds the answer with its citation, dated in Việt Nam time', () => {
    expect(draft.chunks).toHaveLength(1);
    expect(draft.chunks[0]?.text).toBe(
      'Có, đăng ký trước 7 ngày.\nNguồn: Cán bộ Phòng Văn hoá trả lời ngày 04/12/2026',
    );
    expect(draft.meta).toMatchObject({ questionId: 42, answeredBy: 'bien.tap' });
  });
});

describe('paraphrasesOf', () => {
  it('asks the question as asked, without diacritics, with its shortest word dropped and with its halves swapped', () => {
    const asked = paraphrasesOf('Sân bóng xã có cho thuê buổi tối không?');
    expect(asked.map((p) => p.kind)).toEqual(['nguyên văn', 'bỏ dấu', 'bớt một từ', 'đảo thứ tự']);
    expect(asked[1]?.text).toBe('San bong xa co cho thue buoi toi khong?');
    expect(asked[2]?.text).toBe('Sân bóng có cho thuê buổi tối không');
    expect(asked[3]?.text).toBe('thuê buổi tối không Sân bóng xã có cho');
  });

  it('drops and swaps words only in questions of four words or more', () => {
    expect(paraphrasesOf('lệ phí bao nhiêu').map((p) => p.kind)).toEqual([
      'nguyên văn',
      'bỏ dấu',
      'bớt một từ',
      'đảo thứ tự',
    ]);
    expect(paraphrasesOf('lệ phí?').map((p) => p.kind)).toEqual(['nguyên văn', 'bỏ dấu']);
  });
});

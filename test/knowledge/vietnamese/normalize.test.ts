import { describe, expect, it } from 'vitest';
import {
  canonicalizeTone,
  foldDiacritics,
  isWithoutDiacritics,
  normalizeForSearch,
  normalizeText,
} from '../../../src/knowledge/vietnamese/index.js';

describe('Vietnamese normalisation', () => {
  it('treats old and new tone placement as the same word', () => {
    expect(normalizeText('hoà')).toBe(normalizeText('hòa'));
    expect(normalizeText('thuỷ')).toBe(normalizeText('thủy'));
    expect(normalizeText('khoẻ')).toBe(normalizeText('khỏe'));
    expect(normalizeText('Hoà Bình')).toBe('Hòa Bình');
  });

  it('keeps the tone on shaped vowels and in closed syllables', () => {
    for (const word of ['người', 'thuyền', 'hoàn', 'toán', 'quý', 'già', 'gì', 'khuỷu', 'ngoài', 'cứu', 'Đăng', 'ký']) {
      expect(canonicalizeTone(word)).toBe(word.normalize('NFC'));
    }
  });

  it('composes decomposed input (NFD) and drops invisible characters', () => {
    const nfd = 'Thủ tục'.normalize('NFD');
    expect(normalizeText(nfd)).toBe('Thủ tục');
    expect(normalizeText('lệ\u200B phí\u00A0cấp')).toBe('lệ phí cấp');
  });

  it('lower-cases with đ for search', () => {
    expect(normalizeForSearch('ĐĂNG KÝ THƯỜNG TRÚ')).toBe('đăng ký thường trú');
    expect(normalizeForSearch('CỘNG HOÀ')).toBe(normalizeForSearch('cộng hòa'));
  });

  it('folds every diacritic including đ', () => {
    expect(foldDiacritics('Đăng ký thường trú ở đâu')).toBe('Dang ky thuong tru o dau');
    expect(isWithoutDiacritics('dang ky tam tru')).toBe(true);
    expect(isWithoutDiacritics('đăng ký')).toBe(false);
  });
});

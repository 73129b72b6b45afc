import { describe, expect, it } from 'vitest';
import {
  bigrams,
  foldToken,
  hasDiacritics,
  isStopWord,
  stopWords,
  tokenize,
  withoutStopWords,
} from '../../../src/knowledge/vietnamese/index.js';

describe('tokenize', () => {
  it('splits into lower-case syllables with one tone placement and NFC', () => {
    expect(tokenize('Đăng ký THƯỜNG TRÚ')).toEqual(['đăng', 'ký', 'thường', 'trú']);
    expect(tokenize('Hoà Bình, thuỷ lợi')).toEqual(tokenize('Hòa Bình, thủy lợi'));
    expect(tokenize('Thủ tục'.normalize('NFD'))).toEqual(['thủ', 'tục']);
  });

  it('makes number formats and leading zeros equal', () => {
    expect(tokenize('10.000 đồng')).toEqual(tokenize('10,000 đồng'));
    expect(tokenize('10.000')).toEqual(['10000']);
    expect(tokenize('mức độ 02')).toEqual(['mức', 'độ', '2']);
  });

  it('separates digits from letters so "14t" shares "14" with "14 tuổi" and codes still match', () => {
    expect(tokenize('đủ 14t')).toEqual(['đủ', '14', 't']);
    expect(tokenize('Mẫu CT07')).toEqual(['mẫu', 'ct', '7']);
    expect(tokenize('mẫu ct07')).toEqual(tokenize('Mẫu CT07'));
  });

  it('drops punctuation, emoji and markup characters', () => {
    expect(tokenize('🙂 <b>lệ phí</b>?!')).toEqual(['b', 'lệ', 'phí', 'b']);
    expect(tokenize('😀😀')).toEqual([]);
  });
});

describe('folding and bigrams', () => {
  it('folds every diacritic including đ', () => {
    expect(foldToken('đăng')).toBe('dang');
    expect(foldToken('nghiệp')).toBe('nghiep');
    expect(hasDiacritics('ký')).toBe(true);
    expect(hasDiacritics('ky')).toBe(false);
  });

  it('builds syllable bigrams that skip stop words', () => {
    expect(bigrams(tokenize('đăng ký thường trú ở đâu'))).toEqual(['đăng ký', 'ký thường', 'thường trú', 'trú ở']);
    expect(bigrams(tokenize('lệ phí là bao nhiêu'))).toEqual(['lệ phí']);
  });
});

describe('stop words', () => {
  it('treats function words and fillers as stop words, with or without accents', () => {
    for (const w of ['thì', 'là', 'của', 'gì', 'ạ', 'ơi', 'không', 'ko', 'k', 'nhiêu'])
      expect(isStopWord(w)).toBe(true);
    expect(withoutStopWords(tokenize('đăng ký kết hôn thì cần giấy tờ gì ạ'))).toEqual([
      'đăng',
      'ký',
      'kết',
      'hôn',
      'giấy',
      'tờ',
    ]);
  });

  it('keeps syllables of content words, including unaccented forms that are also content (đăng, căn)', () => {
    for (const w of ['đăng', 'dang', 'căn', 'can', 'sao', 'ở', 'phí', 'sổ']) expect(isStopWord(w)).toBe(false);
    expect(stopWords().length).toBeGreaterThan(50);
    // the list the search-index snapshot is fingerprinted with holds the unaccented forms too, so changing them
    // rebuilds the index on the next start
    expect(stopWords()).toEqual(expect.arrayContaining(['của', 'cua', 'ko']));
    expect(stopWords()).not.toContain('minh');
  });

  it("keeps accented text's syllables that are spelled without marks (chứng minh, cung cấp, vay vốn, nhi đồng)", () => {
    // "minh", "cung", "vay", "nhi" are also "mình", "cũng", "vậy", "nhỉ" typed without accents, but dropping
    // them would drop half of "chứng minh" and "cung cấp" from every text
    expect(withoutStopWords(tokenize('chứng minh nhân dân, cung cấp thông tin, vay vốn, nhi đồng, minh bạch'))).toEqual(
      ['chứng', 'minh', 'nhân', 'dân', 'cung', 'cấp', 'thông', 'tin', 'vay', 'vốn', 'nhi', 'đồng', 'minh', 'bạch'],
    );
  });
});

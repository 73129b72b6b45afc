import { describe, expect, it } from 'vitest';
import { expandWithSynonyms, findSynonyms, parseSynonyms, tokenize } from '../../../src/knowledge/vietnamese/index.js';

describe('synonyms file', () => {
  const table = parseSynonyms(`
# comment line
sổ đỏ, sổ hồng => giấy chứng nhận quyền sử dụng đất   # colloquial
CCCD = căn cước công dân = thẻ căn cước
this line is broken
a => b => c
`);

  it('reads one-way and equivalence entries and names the broken lines', () => {
    expect(table.rules.filter((r) => r.kind === 'replace').map((r) => r.pattern.join(' '))).toEqual([
      'sổ đỏ',
      'sổ hồng',
    ]);
    expect(table.rules.filter((r) => r.kind === 'equivalent')).toHaveLength(3);
    expect(table.problems.map((p) => p.line)).toEqual([5, 6]);
    expect(table.problems[0]?.message).toMatch(/thiếu "=>"/);
  });

  it('expands a colloquial phrase, also when typed without accents or in upper case', () => {
    const expected = [['giấy', 'chứng', 'nhận', 'quyền', 'sử', 'dụng', 'đất']];
    expect(expandWithSynonyms(tokenize('làm lại sổ đỏ mất bao lâu'), table)).toEqual(expected);
    expect(expandWithSynonyms(tokenize('lam lai so do mat bao lau'), table)).toEqual(expected);
    expect(expandWithSynonyms(tokenize('SỔ HỒNG'), table)).toEqual(expected);
  });

  it('expands each member of an equivalence group to the others', () => {
    const found = expandWithSynonyms(tokenize('làm CCCD ở đâu'), table).map((e) => e.join(' '));
    expect(found).toEqual(['căn cước công dân', 'thẻ căn cước']);
    expect(findSynonyms(tokenize('thẻ căn cước'), table).map((m) => m.rule.kind)).toEqual(['equivalent']);
  });

  it('does not match inside other words or with different accents', () => {
    expect(expandWithSynonyms(tokenize('số đó'), table)).toEqual([]);
    expect(expandWithSynonyms(tokenize('sổ tay đỏ'), table)).toEqual([]);
  });
});

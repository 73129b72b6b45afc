import { describe, expect, it } from 'vitest';
import { LexicalIndex, LexicalRetriever } from '../../../src/knowledge/search/index.js';
import { analyzeQuery, askingSentence, DEFAULT_QUERY } from '../../../src/knowledge/search/query.js';
import { expandShorthand, parseSynonyms } from '../../../src/knowledge/vietnamese/index.js';
import { CORPUS } from '../search/corpus.js';

describe('resident language: chat shorthand and the lexicon', () => {
  it('writes out chat shorthand, and ambiguous abbreviations only where the next word decides them', () => {
    expect(expandShorthand('Tạm trú của e sắp hết hạn, gia hạn trước bn ngày, quá hạn có sao k?')).toBe(
      'Tạm trú của em sắp hết hạn, gia hạn trước bao nhiêu ngày, quá hạn có sao không?',
    );
    expect(expandShorthand('lên CA xã hay UB phường, có đc ko')).toBe(
      'lên công an xã hay ủy ban phường, có được không',
    );
    // licence classes, amounts and ordinary words stay as written
    expect(expandShorthand('bằng lái hạng E, xe loại A1, hạng C mất 5k')).toBe(
      'bằng lái hạng E, xe loại A1, hạng C mất 5k',
    );
    expect(expandShorthand('ca làm việc')).toBe('ca làm việc');
  });

  it('a lexicon hint (~>) adds procedure words below the weight of the resident’s own words', () => {
    const table = parseSynonyms('lấy chồng ~> kết hôn\nbad ~> \n');
    expect(table.rules[0]).toMatchObject({ kind: 'hint', pattern: ['lấy', 'chồng'], expansions: [['kết', 'hôn']] });
    expect(table.problems).toEqual([{ line: 2, message: 'cần đúng một dấu "~>" và cụm từ ở cả hai bên' }]);
    const index = LexicalIndex.build(CORPUS);
    const groups = analyzeQuery('lấy chồng thì đăng ký ở đâu', index, table).groups;
    const weight = (label: string) => groups.find((g) => g.label === label)?.weight;
    expect(weight('kết')).toBeLessThan(weight('đăng') as number);
    expect(groups.find((g) => g.label === 'kết')?.isCore).toBe(false);
    // the hint is what finds the marriage record for a question that never says "kết hôn"
    const r = new LexicalRetriever({ index, synonyms: table });
    const plain = new LexicalRetriever({ index, synonyms: { rules: [], problems: [] } });
    expect(r.retrieveSync('lấy chồng thì đăng ký ở đâu').passages[0]?.code).toMatch(/^1\.000(894|593)$/);
    expect(plain.retrieveSync('lấy chồng thì đăng ký ở đâu').passages[0]?.code ?? '').not.toMatch(/^1\.000(894|593)$/);
  });
});

describe('multi-sentence questions', () => {
  it('finds the sentence that asks and weights the context sentences lower', () => {
    const q = 'Bố tôi mất năm ngoái. Đất vẫn đứng tên ông. Giờ muốn sang tên cho mẹ thì làm thế nào?';
    expect(askingSentence(q)).toEqual({
      sentences: ['Bố tôi mất năm ngoái.', 'Đất vẫn đứng tên ông.', 'Giờ muốn sang tên cho mẹ thì làm thế nào?'],
      asking: 2,
    });
    // without "?", the last sentence with a question word asks
    expect(askingSentence('Con tôi 2 tháng tuổi. Làm khai sinh cần gì. Cảm ơn.').asking).toBe(1);
    expect(askingSentence('Đăng ký tạm trú mất bao lâu').asking).toBe(0);
    const index = LexicalIndex.build(CORPUS);
    const groups = analyzeQuery(q, index, { rules: [], problems: [] }, { ...DEFAULT_QUERY, contextWeight: 0.5 }).groups;
    const weight = (label: string) => groups.find((g) => g.label === label)?.weight;
    expect(weight('đất')).toBe(0.5);
    expect(weight('sang')).toBe(1);
  });
});

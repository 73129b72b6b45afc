import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAliases, parseAliases } from '../../../src/knowledge/search/aliases.js';
import {
  DEFAULT_RANKING,
  LexicalIndex,
  LexicalRetriever,
  openKnowledgeSearch,
} from '../../../src/knowledge/search/index.js';
import { CORPUS } from './corpus.js';

const noSynonyms = { rules: [], problems: [] };

// "tờ khai" is in the text of both residence procedures; only the aliases say which one a newcomer renting a room means
const ALIASES = `
- code: '1.004194'
  names:
    - khai báo ở trọ
    - đăng ký ở nhà thuê
  questions:
    - Mới thuê phòng trọ ở phường khác thì phải khai báo với công an ở đâu?
  reviewed: true
- code: '3.000348'
  names: [bằng lái bị rách nát]
  questions: []
- names: [không có mã]
`;

const codesOf = (r: LexicalRetriever, q: string) => [...new Set(r.retrieveSync(q).passages.map((p) => p.code))];

describe('aliases: sample questions and everyday names per procedure', () => {
  it('reads the YAML list, merges entries of one code and reports bad ones without failing', () => {
    const { entries, problems } = parseAliases(ALIASES, 'a.yaml');
    expect(entries.get('1.004194')?.names).toEqual(['khai báo ở trọ', 'đăng ký ở nhà thuê']);
    expect(entries.get('3.000348')?.questions).toEqual([]);
    expect(problems).toEqual([{ file: 'a.yaml', message: 'mục 3: thiếu hoặc sai trường' }]);
    expect(parseAliases('a: [', 'b.yaml').problems[0]?.message).toMatch(/^YAML không hợp lệ/);
  });

  it('finds the record through its aliases, typed with or without diacritics; the passages are the record’s', () => {
    const { entries } = parseAliases(ALIASES);
    const without = new LexicalRetriever({ index: LexicalIndex.build(CORPUS), synonyms: noSynonyms });
    const withAliases = new LexicalRetriever({
      index: LexicalIndex.build(CORPUS, DEFAULT_RANKING, entries),
      synonyms: noSynonyms,
    });
    const question = 'thuê phòng trọ thì khai báo ở đâu';
    expect(codesOf(without, question)[0]).not.toBe('1.004194');
    expect(codesOf(withAliases, question)[0]).toBe('1.004194');
    expect(codesOf(withAliases, 'thue phong tro thi khai bao o dau')[0]).toBe('1.004194');
    // "rách nát" is in no record: only the alias knows it
    expect(codesOf(withAliases, 'bằng lái rách nát')[0]).toBe('3.000348');
    const passages = withAliases.retrieveSync(question).passages.filter((p) => p.code === '1.004194');
    expect(passages.length).toBeGreaterThan(0);
    for (const p of passages) expect(CORPUS.some((c) => c.chunkId === p.chunkId && c.text === p.text)).toBe(true);
    // wAlias 0 turns the field off
    const off = LexicalIndex.build(CORPUS, { ...DEFAULT_RANKING, wAlias: 0 }, entries);
    expect(codesOf(new LexicalRetriever({ index: off, synonyms: noSynonyms }), question)[0]).not.toBe('1.004194');
  });

  it('is read from the aliases folder and re-read on refresh, without rebuilding the records’ postings', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'aliases-'));
    try {
      expect((await loadAliases(path.join(dir, 'missing'))).entries.size).toBe(0);
      await writeFile(path.join(dir, 'a.yaml'), "- code: '1.004194'\n  names: [khai báo ở trọ]\n");
      await writeFile(path.join(dir, 'README.md'), '# not yaml');
      const store = { loadChunks: async () => CORPUS, getRevision: async () => 1 };
      const search = await openKnowledgeSearch({ store, synonyms: noSynonyms, aliasesDir: dir });
      expect(search.retriever.index.aliasedDocuments).toBe(1);
      expect(codesOf(search.retriever, 'rách nát')).toEqual([]);
      await writeFile(path.join(dir, 'b.yaml'), "- code: '3.000348'\n  names: [bằng lái bị rách nát]\n");
      expect(await search.refresh()).toBe(false);
      expect(search.retriever.index.aliasedDocuments).toBe(2);
      expect(codesOf(search.retriever, 'rách nát')).toEqual(['3.000348']);
      // the service reads them after the index is ready: answers come at once, the field joins shortly after
      const later = await openKnowledgeSearch({
        store,
        synonyms: noSynonyms,
        aliasesDir: dir,
        aliasesInBackground: true,
      });
      expect(later.retriever.index.aliasedDocuments).toBe(0);
      await later.aliasesReady;
      expect(later.retriever.index.aliasedDocuments).toBe(2);
      expect(codesOf(later.retriever, 'rách nát')).toEqual(['3.000348']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

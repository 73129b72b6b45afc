import { Document } from '@langchain/core/documents';
import { describe, expect, it } from 'vitest';
// from the knowledge context's public face: the documented way to use our retriever in LangChain chains
import { TiepdanLangChainRetriever } from '../../../src/knowledge/langchain.js';
import { LexicalIndex, LexicalRetriever } from '../../../src/knowledge/search/index.js';
import { parseSynonyms } from '../../../src/knowledge/vietnamese/index.js';
import { CORPUS, SYNONYMS } from '../search/corpus.js';

const lexical = new LexicalRetriever({ index: LexicalIndex.build(CORPUS), synonyms: parseSynonyms(SYNONYMS) });

describe('LangChain retriever adapter', () => {
  it('returns Documents carrying code, title, url, section and score', async () => {
    const retriever = new TiepdanLangChainRetriever({ retriever: lexical, k: 5 });
    const docs = await retriever.invoke('lệ phí đăng ký tạm trú');
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.length).toBeLessThanOrEqual(5);
    const first = docs[0] as Document;
    expect(first).toBeInstanceOf(Document);
    expect(first.metadata).toMatchObject({
      code: '1.004194',
      title: 'Đăng ký tạm trú',
      url: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/1.004194',
      section: 'Phí, lệ phí',
    });
    expect(typeof first.metadata.score).toBe('number');
    expect(first.pageContent).toContain('7.000 đồng/lần');
  });

  it('pipes into a LangChain chain like any BaseRetriever', async () => {
    const chain = new TiepdanLangChainRetriever({ retriever: lexical, k: 3 }).pipe((docs: Document[]) =>
      docs.map((d) => `${d.metadata.code} — ${d.metadata.section}`),
    );
    expect((await chain.invoke('lệ phí đăng ký tạm trú'))[0]).toBe('1.004194 — Phí, lệ phí');
  });

  it('returns no Document when nothing relevant was found (unless asked to ignore the abstention)', async () => {
    expect(await new TiepdanLangChainRetriever({ retriever: lexical }).invoke('giá vàng SJC hôm nay')).toEqual([]);
    const raw = new TiepdanLangChainRetriever({ retriever: lexical, respectAbstain: false });
    expect(Array.isArray(await raw.invoke('giá vàng SJC hôm nay'))).toBe(true);
  });
});

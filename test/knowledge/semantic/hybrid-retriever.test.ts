// Hybrid fusion rules with port fakes: rank fusion, the lexical abstain decision, and semantic failures.
import { describe, expect, it } from 'vitest';
import { createHybridRetriever } from '../../../src/knowledge/semantic/index.js';
import type { Passage, RetrievalResult, RetrieveOptions, Retriever } from '../../../src/knowledge/types.js';
import { captureLogger } from '../ai-fixtures.js';

let nextId = 1;
function passage(code: string, score: number, section = 'Lệ phí'): Passage {
  return {
    chunkId: nextId++,
    code,
    title: `Thủ tục ${code}`,
    kind: 'procedure',
    section,
    aspect: 'le_phi',
    ordinal: 0,
    text: `Nội dung ${code}`,
    score,
  };
}

/** A Retriever port fake returning a fixed result and recording the options it was called with. */
function fixed(result: RetrievalResult | Error): Retriever & { calls: RetrieveOptions[] } {
  const calls: RetrieveOptions[] = [];
  return {
    calls,
    async retrieve(_question, options = {}) {
      calls.push(options);
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

describe('hybrid retriever', () => {
  it('fuses by document rank: documents both sides found lead, and semantic-only documents are added', async () => {
    const lexical = fixed({
      passages: [passage('B', 12), passage('B', 9, 'Hồ sơ'), passage('C', 7)],
      abstained: false,
      aspect: 'le_phi',
    });
    const semantic = fixed({
      passages: [passage('A', 0.71), passage('B', 0.7), passage('D', 0.4)],
      abstained: false,
      aspect: 'none',
    });
    const hybrid = createHybridRetriever({ lexical, semantic });

    const result = await hybrid.retrieve('câu hỏi', { k: 10 });

    expect(result.abstained).toBe(false);
    expect(result.aspect).toBe('le_phi');
    expect([...new Set(result.passages.map((p) => p.code))]).toEqual(['B', 'A', 'C', 'D']);
    // B keeps the lexical ranker's two passages, in its order, before the semantic one it lacked
    expect(result.passages.filter((p) => p.code === 'B').map((p) => p.section)).toEqual(['Lệ phí', 'Hồ sơ', 'Lệ phí']);
    const scores = result.passages.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('asks both sides for enough candidates and passes the document filter on', async () => {
    const lexical = fixed({ passages: [passage('A', 1)], abstained: false, aspect: 'none' });
    const semantic = fixed({ passages: [], abstained: true, aspect: 'none' });
    const result = await createHybridRetriever({ lexical, semantic, depth: 15 }).retrieve('q', { k: 3, code: 'A' });
    expect(lexical.calls).toEqual([{ k: 15, code: 'A' }]);
    expect(semantic.calls).toEqual([{ k: 15, code: 'A' }]);
    expect(result.passages.map((p) => p.code)).toEqual(['A']);
  });

  it('keeps the lexical abstention when the semantic side is only moderately similar', async () => {
    const lexicalResult: RetrievalResult = { passages: [passage('C', 0.3)], abstained: true, aspect: 'none' };
    const semantic = fixed({ passages: [passage('A', 0.72)], abstained: false, aspect: 'none' });
    const result = await createHybridRetriever({ lexical: fixed(lexicalResult), semantic }).retrieve('q');
    expect(result).toEqual(lexicalResult);
  });

  it('lets a near-paraphrase overrule the lexical abstention, with the confident passages only', async () => {
    const lexical = fixed({ passages: [passage('C', 0.3)], abstained: true, aspect: 'thoi_han' });
    const semantic = fixed({
      passages: [passage('A', 0.93), passage('A', 0.88), passage('B', 0.6)],
      abstained: false,
      aspect: 'none',
    });
    const result = await createHybridRetriever({ lexical, semantic }).retrieve('q');
    expect(result.abstained).toBe(false);
    expect(result.aspect).toBe('thoi_han');
    expect(result.passages.map((p) => [p.code, p.score])).toEqual([
      ['A', 0.93],
      ['A', 0.88],
    ]);
  });

  it('answers from the lexical side alone when the semantic side fails, logging no error text', async () => {
    const lexicalResult: RetrievalResult = { passages: [passage('B', 5)], abstained: false, aspect: 'le_phi' };
    const failure = Object.assign(new Error('embedding endpoint said: secret details sk-abcdef123456'), {
      name: 'AppError',
    });
    const log = captureLogger();
    const result = await createHybridRetriever({
      lexical: fixed(lexicalResult),
      semantic: fixed(failure),
      logger: log.logger,
    }).retrieve('q');
    expect(result).toEqual(lexicalResult);
    expect(JSON.parse(log.lines[0] as string)).toMatchObject({
      event: 'semantic_retrieval_failed',
      error: 'AppError',
      semanticFailures: 1,
    });
    expect(log.text()).not.toContain('secret details');
  });
});

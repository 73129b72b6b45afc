// One engine on one corpus, in its own process (so its RSS is its own): builds the index a few times, runs the
// question sets a few times, prints one JSON line. Used by bench/suites/retrieval.ts.
//   tsx bench/support/retrieval-worker.ts <tiepdan|minisearch> <procedures|alqac> <runs>
import path from 'node:path';
import MiniSearch from 'minisearch';
import type { EvalOutcome } from '../../src/knowledge/eval/score.js';
import {
  answerQuestion,
  createExtractiveWriter,
  createMemoryKnowledgeStore,
  type EvalQuestion,
  type IndexedChunk,
  readQuestions,
  runEval,
  scoreRun,
  warmUpAnswering,
} from '../../src/knowledge/index.js';
import { addDocuments } from '../../src/knowledge/ingest/index.js';
import { LexicalIndex, LexicalRetriever } from '../../src/knowledge/search/index.js';
import { foldDiacritics, loadSynonyms } from '../../src/knowledge/vietnamese/index.js';
import { EVAL_DATA_DIR, REPO_ROOT } from '../../test/support/shared-data.js';

export interface WorkerResult {
  engine: string;
  corpus: string;
  chunks: number;
  documents: number;
  buildMs: number;
  /** RSS after a full GC, with the corpus loaded, the index built and all question runs done */
  rssMb: number;
  sets: Array<{
    name: string;
    n: number;
    recall_at_1: number | null;
    recall_at_5: number | null;
    mrr_at_10: number | null;
    fact_rate: number | null;
    abstain_precision: number | null;
    abstain_recall: number | null;
    /** median over runs of each run's p50 / p95 (ms per question) */
    p50: number;
    p95: number;
    /** search alone (no answer writing), for the side-by-side with a search library */
    searchP50: number;
    searchP95: number;
  }>;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : (s[Math.floor((s.length - 1) / 2)] as number);
};
const percentile = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] as number;
};
const round = (v: number) => Math.round(v * 100) / 100;

/** RSS after a full garbage collection (the worker runs with --expose-gc), so earlier builds' garbage is gone. */
function settledRssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().rss / 1e6);
}

async function loadCorpus(corpus: string): Promise<IndexedChunk[]> {
  const store = createMemoryKnowledgeStore();
  const paths =
    corpus === 'procedures'
      ? [path.join(EVAL_DATA_DIR, 'tthc-dichvucong', 'raw'), path.join(REPO_ROOT, 'knowledge', '416-KH-UBND.txt')]
      : [path.join(EVAL_DATA_DIR, 'alqac', 'articles.jsonl')];
  await addDocuments({ store, paths });
  return store.loadChunks();
}

async function questionSets(
  corpus: string,
): Promise<Array<{ name: string; questions: EvalQuestion[]; strip: boolean }>> {
  if (corpus === 'procedures') {
    const dev = await readQuestions(path.join(EVAL_DATA_DIR, 'procedure-qa', 'dev.jsonl'));
    return [
      { name: 'procedure dev', questions: dev, strip: false },
      { name: 'procedure dev, no diacritics', questions: dev, strip: true },
    ];
  }
  const all = await readQuestions(path.join(EVAL_DATA_DIR, 'alqac', 'questions.jsonl'));
  return [
    { name: 'ALQAC dev', questions: all.filter((q) => q.split === 'dev'), strip: false },
    { name: 'ALQAC test', questions: all.filter((q) => q.split === 'test'), strip: false },
  ];
}

/** Search-only latency of `search` over the questions (ms each). */
function timeSearches(questions: EvalQuestion[], strip: boolean, search: (q: string) => unknown): number[] {
  return questions.map((q) => {
    const text = strip ? foldDiacritics(q.question) : q.question;
    const t = performance.now();
    search(text);
    return performance.now() - t;
  });
}

async function runTiepdan(corpus: string, runs: number): Promise<WorkerResult> {
  const chunks = await loadCorpus(corpus);
  const builds: number[] = [];
  let index: LexicalIndex | undefined;
  for (let i = 0; i < Math.max(1, Math.min(runs, 3)); i++) {
    const t = performance.now();
    index = LexicalIndex.build(chunks);
    builds.push(performance.now() - t);
  }
  const synonyms = await loadSynonyms(path.join(REPO_ROOT, 'knowledge', 'synonyms.txt'));
  const retriever = new LexicalRetriever({ index: index as LexicalIndex, synonyms });
  const writer = createExtractiveWriter({ synonyms });
  const ask = (question: string, options?: { focusCode?: string | undefined }) =>
    answerQuestion({ question, retriever, writer, focusCode: options?.focusCode });
  // as the service does after start-up (questions made from titles, not from any eval set)
  await warmUpAnswering({ ask }, retriever.warmUpQuestions());
  const sets: WorkerResult['sets'] = [];
  for (const set of await questionSets(corpus)) {
    let report: Awaited<ReturnType<typeof runEval>>['report'] | undefined;
    const p50: number[] = [];
    const p95: number[] = [];
    const s50: number[] = [];
    const s95: number[] = [];
    for (let r = 0; r < runs; r++) {
      const run = await runEval({ questions: set.questions, ask, stripDiacritics: set.strip });
      report = run.report;
      p50.push(run.report.latency_ms.p50);
      p95.push(run.report.latency_ms.p95);
      const searchTimes = timeSearches(set.questions, set.strip, (q) => retriever.retrieveSync(q, { k: 40 }));
      s50.push(percentile(searchTimes, 0.5));
      s95.push(percentile(searchTimes, 0.95));
    }
    const rep = report as NonNullable<typeof report>;
    sets.push({
      name: set.name,
      n: rep.n,
      recall_at_1: rep.recall_at_1,
      recall_at_5: rep.recall_at_5,
      mrr_at_10: rep.mrr_at_10,
      fact_rate: rep.fact_rate,
      abstain_precision: rep.abstain_precision,
      abstain_recall: rep.abstain_recall,
      p50: round(median(p50)),
      p95: round(median(p95)),
      searchP50: round(median(s50)),
      searchP95: round(median(s95)),
    });
  }
  const ix = index as LexicalIndex;
  return {
    engine: 'tiepdan (BM25F, this project)',
    corpus,
    chunks: ix.size.chunks,
    documents: ix.size.documents,
    buildMs: Math.round(median(builds)),
    rssMb: settledRssMb(),
    sets,
  };
}

/** MiniSearch with its default tokenizer, lower case plus accent folding (else unaccented questions miss), title boost 2. */
async function runMiniSearch(corpus: string, runs: number): Promise<WorkerResult> {
  const chunks = await loadCorpus(corpus);
  const fold = (term: string) => foldDiacritics(term.normalize('NFC').toLowerCase());
  const make = () =>
    new MiniSearch<IndexedChunk & { id: number }>({
      fields: ['title', 'section', 'text'],
      storeFields: ['code'],
      processTerm: (term) => fold(term),
      searchOptions: { boost: { title: 2 }, processTerm: (term) => fold(term) },
    });
  const builds: number[] = [];
  let mini = make();
  for (let i = 0; i < Math.max(1, Math.min(runs, 3)); i++) {
    const t = performance.now();
    mini = make();
    mini.addAll(chunks.map((c, id) => ({ ...c, id })));
    builds.push(performance.now() - t);
  }
  const codesFor = (question: string) => {
    const codes: string[] = [];
    for (const hit of mini.search(question)) {
      const code = hit.code as string;
      if (!codes.includes(code)) codes.push(code);
      if (codes.length === 10) break;
    }
    return codes;
  };
  for (let i = 0; i < 3; i++) for (const c of chunks.slice(0, 50)) codesFor(c.title);
  const sets: WorkerResult['sets'] = [];
  for (const set of await questionSets(corpus)) {
    let outcomes: EvalOutcome[] = [];
    const p50: number[] = [];
    const p95: number[] = [];
    for (let r = 0; r < runs; r++) {
      outcomes = [];
      for (const q of set.questions) {
        const text = set.strip ? foldDiacritics(q.question) : q.question;
        const t = performance.now();
        const codes = codesFor(text);
        outcomes.push({ id: q.id, codes, abstained: false, answer: '', latencyMs: performance.now() - t });
      }
      const lat = outcomes.map((o) => o.latencyMs);
      p50.push(percentile(lat, 0.5));
      p95.push(percentile(lat, 0.95));
    }
    const rep = scoreRun(set.questions, outcomes);
    sets.push({
      name: set.name,
      n: rep.n,
      recall_at_1: rep.recall_at_1,
      recall_at_5: rep.recall_at_5,
      mrr_at_10: rep.mrr_at_10,
      fact_rate: null,
      abstain_precision: null,
      abstain_recall: null,
      p50: round(median(p50)),
      p95: round(median(p95)),
      searchP50: round(median(p50)),
      searchP95: round(median(p95)),
    });
  }
  return {
    engine: 'MiniSearch 7.2 (default tokenizer, folded accents, title×2)',
    corpus,
    chunks: chunks.length,
    documents: new Set(chunks.map((c) => c.code)).size,
    buildMs: Math.round(median(builds)),
    rssMb: settledRssMb(),
    sets,
  };
}

const [engine, corpus, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const result =
  engine === 'minisearch'
    ? await runMiniSearch(corpus ?? 'procedures', runs)
    : await runTiepdan(corpus ?? 'procedures', runs);
process.stdout.write(`${JSON.stringify(result)}\n`);

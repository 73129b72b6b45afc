// The quality bars on the full procedure corpus (2,642 national records + plan 416/KH-UBND) and on ALQAC, through
// the answer path `tiepdan eval` measures: a ranking or answer change that drops below a bar fails here.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addDocuments,
  answerQuestion,
  createExtractiveWriter,
  createMemoryKnowledgeStore,
  type EvalQuestion,
  type EvalReport,
  openKnowledgeSearch,
  readQuestions,
  runEval,
} from '../../../src/knowledge/index.js';
import { EVAL_DATA_DIR, REPO_ROOT } from '../../support/shared-data.js';

/**
 * What `tiepdan eval --kb …` builds: the importer, the lexical search with the shipped synonyms and the extractive
 * writer, over a throw-away knowledge base of these paths.
 */
async function answeringOver(paths: string[]) {
  const store = createMemoryKnowledgeStore();
  const imported = await addDocuments({ store, paths, root: REPO_ROOT });
  expect(imported.failed).toEqual([]);
  // the same knowledge files the command reads (synonyms, the sample questions of knowledge/aliases/, off-domain topics)
  const search = await openKnowledgeSearch({
    store,
    synonymsFile: path.join(REPO_ROOT, 'knowledge/synonyms.txt'),
    aliasesDir: path.join(REPO_ROOT, 'knowledge/aliases'),
    offDomainFile: path.join(REPO_ROOT, 'knowledge/off-domain.txt'),
  });
  const writer = createExtractiveWriter({ synonyms: () => search.synonyms() });
  return (question: string, options?: { focusCode?: string | undefined }) =>
    answerQuestion({ question, retriever: search.retriever, writer, focusCode: options?.focusCode });
}

const RAW = path.join(EVAL_DATA_DIR, 'tthc-dichvucong/raw');
const QUESTIONS = path.join(EVAL_DATA_DIR, 'procedure-qa/dev.jsonl');
const PLAN = path.join(REPO_ROOT, 'knowledge/416-KH-UBND.txt');
const missing = [RAW, QUESTIONS, PLAN].filter((p) => !existsSync(p));
if (missing.length > 0) console.log(`quality bars skipped: missing ${missing.join(', ')}`);

describe.skipIf(missing.length > 0)('quality bars on the full corpus (procedure-qa dev)', () => {
  let report: EvalReport;
  let withoutDiacritics: EvalReport;

  beforeAll(async () => {
    const ask = await answeringOver([RAW, PLAN]);
    const questions: EvalQuestion[] = await readQuestions(QUESTIONS);
    report = (await runEval({ questions, ask })).report;
    withoutDiacritics = (await runEval({ questions, ask, stripDiacritics: true })).report;
  }, 120_000);

  it('finds the right document first (R@1 ≥ 0.85) and among the first five (R@5 ≥ 0.95)', () => {
    expect(report.recall_at_1).toBeGreaterThanOrEqual(0.85);
    expect(report.recall_at_5).toBeGreaterThanOrEqual(0.95);
  });

  it('says "not found" for questions the corpus cannot answer (recall ≥ 0.8 at precision ≥ 0.8)', () => {
    expect(report.abstain_recall).toBeGreaterThanOrEqual(0.8);
    expect(report.abstain_precision).toBeGreaterThanOrEqual(0.8);
  });

  it('quotes the expected facts in its answers (fact_rate ≥ 0.70)', () => {
    expect(report.fact_rate).toBeGreaterThanOrEqual(0.7);
  });

  it('finds as well when the same questions are typed without diacritics (R@5 within 0.05)', () => {
    expect(withoutDiacritics.recall_at_5).toBeGreaterThanOrEqual((report.recall_at_5 as number) - 0.05);
  });
});

const ARTICLES = path.join(EVAL_DATA_DIR, 'alqac/articles.jsonl');
const LEGAL_QUESTIONS = path.join(EVAL_DATA_DIR, 'alqac/questions.jsonl');
const missingLegal = [ARTICLES, LEGAL_QUESTIONS].filter((p) => !existsSync(p));
if (missingLegal.length > 0) console.log(`ALQAC bars skipped: missing ${missingLegal.join(', ')}`);

describe.skipIf(missingLegal.length > 0)('quality bars on ALQAC (legal articles)', () => {
  const reports = new Map<string, EvalReport>();

  beforeAll(async () => {
    const ask = await answeringOver([ARTICLES]);
    const questions = await readQuestions(LEGAL_QUESTIONS);
    for (const split of ['dev', 'test'])
      reports.set(split, (await runEval({ questions: questions.filter((q) => q.split === split), ask })).report);
  }, 120_000);

  it.each(['dev', 'test'])('ranks the article that answers first or near it (%s: MRR@10 ≥ 0.90)', (split) => {
    const report = reports.get(split) as EvalReport;
    expect(report.n).toBeGreaterThan(200);
    expect(report.mrr_at_10).toBeGreaterThanOrEqual(0.9);
  });
});

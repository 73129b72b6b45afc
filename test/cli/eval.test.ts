// `tiepdan eval` end to end in a child process, with a throw-away knowledge base built from a few real
// procedure records in ../shared (skipped, with the reason, when the shared data is absent).
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVAL_DATA_DIR, hasSharedData } from '../support/shared-data.js';
import { createDataDir, tiepdan } from './run-cli.js';

const RAW = path.join(EVAL_DATA_DIR, 'tthc-dichvucong', 'raw');
const RECORDS = [
  'bo-cong-an/1.004222.json',
  'bo-cong-an/1.004194.json',
  'bo-cong-an/1.010041.json',
  'bo-tu-phap/1.001193.json',
  'bo-tu-phap/1.000894.json',
  'bo-tu-phap/1.000656.json',
].map((r) => path.join(RAW, r));
const DEV = path.join(EVAL_DATA_DIR, 'procedure-qa', 'dev.jsonl');
const available = hasSharedData && existsSync(DEV) && RECORDS.every((r) => existsSync(r));
if (!available) console.warn(`test/cli/eval.test.ts skipped: shared eval data not found under ${EVAL_DATA_DIR}`);

let dataDir: string;
let workDir: string;
let questionsFile: string;
let questionCount: number;

describe.skipIf(!available)('tiepdan eval --kb', () => {
  beforeAll(async () => {
    dataDir = await createDataDir('tiepdan-eval-cli-');
    workDir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-eval-q-'));
    // the dev questions these records answer, plus the off-topic ones; split labels to test --split
    const codes = new Set(RECORDS.map((r) => path.basename(r, '.json')));
    const lines = (await readFile(DEV, 'utf8'))
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { id: string; gold: string[] })
      .filter((q) => q.gold.length === 0 || q.gold.every((g) => codes.has(g)))
      .map((q, i) => JSON.stringify({ ...q, split: i % 2 === 0 ? 'a' : 'b' }));
    questionCount = lines.length;
    questionsFile = path.join(workDir, 'questions.jsonl');
    await writeFile(questionsFile, `${lines.join('\n')}\n`);
  });
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('prints one JSON object with every metric and each question’s codes, abstention and answer', async () => {
    const result = await tiepdan(
      dataDir,
      'eval',
      '--questions',
      questionsFile,
      ...RECORDS.flatMap((r) => ['--kb', r]),
      '--json',
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown> & {
      n: number;
      recall_at_1: number;
      recall_at_5: number;
      mrr_at_10: number;
      abstain_precision: number;
      abstain_recall: number;
      fact_rate: number;
      latency_ms: { p50: number; p95: number };
      questions: Array<{ id: string; codes: string[]; abstained: boolean; answer: string }>;
    };
    for (const key of [
      'n',
      'recall_at_1',
      'recall_at_5',
      'recall_at_10',
      'mrr_at_10',
      'abstain_precision',
      'abstain_recall',
      'fact_rate',
      'latency_ms',
      'by_style',
      'by_aspect',
      'questions',
    ])
      expect(report).toHaveProperty(key);
    expect(report.n).toBe(questionCount);
    expect(report.questions).toHaveLength(questionCount);
    // six records, questions written about them: the right one is near the top
    expect(report.recall_at_5).toBeGreaterThanOrEqual(0.9);
    expect(report.recall_at_1).toBeGreaterThanOrEqual(0.7);
    expect(report.mrr_at_10).toBeGreaterThanOrEqual(report.recall_at_1);
    expect(report.fact_rate).toBeGreaterThan(0.3);
    expect(report.abstain_recall).toBeGreaterThan(0);
    expect(report.latency_ms.p95).toBeGreaterThanOrEqual(report.latency_ms.p50);
    const first = report.questions[0] as (typeof report.questions)[number];
    expect(Array.isArray(first.codes)).toBe(true);
    expect(typeof first.abstained).toBe('boolean');
    expect(first.answer.length).toBeGreaterThan(0);
    // the user's own data folder was not touched: nothing was imported into it
    const list = await tiepdan(dataDir, 'kb', 'list', '--json');
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('filters by --split, folds accents with --strip-diacritics, and prints a readable report', async () => {
    const result = await tiepdan(
      dataDir,
      'eval',
      '--questions',
      questionsFile,
      ...RECORDS.flatMap((r) => ['--kb', r]),
      '--split',
      'a',
      '--strip-diacritics',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Số câu hỏi: ${Math.ceil(questionCount / 2)}`);
    expect(result.stdout).toMatch(/R@1 \d\.\d{3} · R@5 \d\.\d{3}/);
    expect(result.stdout).toContain('Theo kiểu câu hỏi:');
  });

  it('names a missing question file in Vietnamese', async () => {
    const result = await tiepdan(
      dataDir,
      'eval',
      '--questions',
      path.join(workDir, 'none.jsonl'),
      '--kb',
      RECORDS[0] as string,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Không đọc được tệp câu hỏi');
  });
});

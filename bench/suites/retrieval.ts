// Bench: the knowledge base at full size. Imports the 2,642 procedure records with `tiepdan kb add`, measures
// `npm start` on that data folder (first start and restarts from the index snapshot: time to the first answer,
// RSS), then quality and latency of our search and answers next to MiniSearch on the same corpus and
// questions (procedure QA dev, with and without diacritics; ALQAC dev and test). Medians over BENCH_RUNS runs.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readQuestions } from '../../src/knowledge/eval/index.js';
import { EVAL_DATA_DIR, hasSharedData, REPO_ROOT } from '../../test/support/shared-data.js';
import type { WorkerResult } from '../support/retrieval-worker.js';

const exec = promisify(execFile);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 3);
const RAW = path.join(EVAL_DATA_DIR, 'tthc-dichvucong', 'raw');
const PLAN = path.join(REPO_ROOT, 'knowledge', '416-KH-UBND.txt');

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] as number;
};
const env = (dataDir: string): NodeJS.ProcessEnv => ({
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_URL: '',
  LOG_LEVEL: 'silent',
  ANSWER_MODE: 'extractive',
  RETRIEVAL_MODE: 'lexical',
  PORT: '0',
  HOST: '127.0.0.1',
});

/** Runs `tiepdan <args>` on that data folder as `npm run tiepdan` does (Node with --expose-gc). */
async function tiepdan(dataDir: string, ...args: string[]): Promise<void> {
  await exec(process.execPath, ['--expose-gc', '--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: REPO_ROOT,
    env: env(dataDir),
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** `tiepdan kb add` into an empty data folder (includes creating the embedded database), in seconds. */
async function importAll(dataDir: string): Promise<number> {
  const started = performance.now();
  await tiepdan(dataDir, 'kb', 'add', RAW, PLAN);
  return (performance.now() - started) / 1000;
}

function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/**
 * Starts the service as `npm start` does (`tsx --expose-gc src/main.ts`, here without npm's own wrapper process,
 * so the measured PID is the service) and runs `use` with its URL and an HTTP ask; stops it after.
 */
async function withService<T>(
  dataDir: string,
  use: (service: { pid: number; ask: (q: string) => Promise<{ answer: string }> }) => Promise<T>,
): Promise<T> {
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: env(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /đang chạy tại (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1] as string);
      });
      child.once('exit', (code) => reject(new Error(`service exited (${code})`)));
    });
    const ask = async (q: string) => {
      const response = await fetch(`${url}/api/ask?q=${encodeURIComponent(q)}`);
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as { answer: string };
    };
    return await use({ pid: child.pid as number, ask });
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/** Waits for the service's first answer, asks the dev questions over HTTP, reads RSS. */
async function startAndMeasure(dataDir: string, questions: string[]) {
  const started = performance.now();
  return withService(dataDir, async ({ pid, ask }) => {
    await ask('Đăng ký tạm trú cần giấy tờ gì?');
    const readyMs = performance.now() - started;
    for (const q of questions) await ask(q);
    return { readyMs, ...rssOf(pid) };
  });
}

/**
 * A running service on a folder that holds only the plan; `tiepdan kb add` of all records is forwarded to it (the
 * embedded database is the service's), which imports and rebuilds the index in the service's process. Its RSS
 * before, its peak (VmHWM) and its RSS a few seconds after the command returned.
 */
async function forwardedImport(dataDir: string) {
  await tiepdan(dataDir, 'kb', 'add', PLAN);
  return withService(dataDir, async ({ pid, ask }) => {
    await ask('Kế hoạch 416 về chỉ số PAPI');
    const before = rssOf(pid).rss;
    const started = performance.now();
    await tiepdan(dataDir, 'kb', 'add', RAW);
    const seconds = (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const answer = await ask('Đăng ký khai sinh lệ phí bao nhiêu?');
    if (!answer.answer.includes('khai sinh')) throw new Error('the imported records are not answered from');
    return { before, seconds, ...rssOf(pid) };
  });
}

async function worker(engine: string, corpus: string): Promise<WorkerResult> {
  const { stdout } = await exec(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'bench/support/retrieval-worker.ts', engine, corpus, String(RUNS)],
    { cwd: REPO_ROOT, env: { ...process.env, LOG_LEVEL: 'silent' }, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as WorkerResult;
}

const fmt = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '—' : v.toFixed(digits));

function printComparison(ours: WorkerResult, theirs: WorkerResult): void {
  console.log(`\n${ours.corpus}: ${ours.documents} documents, ${ours.chunks} chunks`);
  console.log('| engine | set | R@1 | R@5 | MRR@10 | fact | abstain P/R | answer p50/p95 ms | search p50/p95 ms |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const result of [ours, theirs]) {
    for (const s of result.sets) {
      console.log(
        `| ${result.engine} | ${s.name} (${s.n}) | ${fmt(s.recall_at_1)} | ${fmt(s.recall_at_5)} | ${fmt(s.mrr_at_10)} | ${fmt(s.fact_rate)} | ${fmt(s.abstain_precision)}/${fmt(s.abstain_recall)} | ${result.engine.startsWith('tiepdan') ? `${fmt(s.p50, 2)}/${fmt(s.p95, 2)}` : '—'} | ${fmt(s.searchP50, 2)}/${fmt(s.searchP95, 2)} |`,
      );
    }
  }
  console.log('| engine | index build (median) | RSS after build + all runs (after a GC) |');
  console.log('|---|---|---|');
  for (const result of [ours, theirs]) console.log(`| ${result.engine} | ${result.buildMs} ms | ${result.rssMb} MB |`);
}

export async function run(): Promise<void> {
  console.log('== retrieval: the knowledge base at full size ==');
  if (!hasSharedData) {
    console.log(`skipped: shared eval data not found under ${EVAL_DATA_DIR}`);
    return;
  }
  console.log(
    `machine: ${os.cpus().length} cores, Node ${process.version}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; BENCH_RUNS=${RUNS}, BENCH_RESTARTS=${RESTARTS}`,
  );
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-bench-retrieval-'));
  try {
    const importSeconds = await importAll(dataDir);
    console.log(
      `import: tiepdan kb add <2,642 records> + plan into an empty DATA_DIR: ${importSeconds.toFixed(1)} s (bar ≤ 60 s)`,
    );

    const dev = (await readQuestions(path.join(EVAL_DATA_DIR, 'procedure-qa', 'dev.jsonl'))).map((q) => q.question);
    const first = await startAndMeasure(dataDir, dev);
    console.log(
      `npm start, first start on the imported folder (builds the index, writes the snapshot): ready in ${(first.readyMs / 1000).toFixed(2)} s`,
    );
    const restarts = [];
    for (let i = 0; i < RESTARTS; i++) restarts.push(await startAndMeasure(dataDir, dev));
    console.log(
      `npm start on the existing folder (index from the snapshot), median of ${RESTARTS}: ready to answer in ${(median(restarts.map((r) => r.readyMs)) / 1000).toFixed(2)} s (bar ≤ 5 s); ` +
        `RSS after answering the 70 dev questions ${median(restarts.map((r) => r.rss)).toFixed(0)} MB, peak ${median(restarts.map((r) => r.peak)).toFixed(0)} MB (bar ≤ 600 MB)`,
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const forwardedDir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-bench-forwarded-'));
  try {
    const f = await forwardedImport(forwardedDir);
    console.log(
      `kb add of the 2,642 records forwarded to a running service (import + index rebuild in its process): ${f.seconds.toFixed(1)} s; ` +
        `service RSS ${f.before.toFixed(0)} MB before, peak ${f.peak.toFixed(0)} MB, ${f.rss.toFixed(0)} MB 5 s after`,
    );
  } finally {
    await rm(forwardedDir, { recursive: true, force: true });
  }

  if (process.env.BENCH_RETRIEVAL_QUALITY === '0') {
    console.log('quality and latency skipped (BENCH_RETRIEVAL_QUALITY=0)');
    return;
  }
  for (const corpus of ['procedures', 'alqac']) {
    const ours = await worker('tiepdan', corpus);
    const theirs = await worker('minisearch', corpus);
    printComparison(ours, theirs);
  }
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    '\nanswer = the whole answerQuestion path (search + extractive answer), as `tiepdan eval` measures it; ' +
      'search = ranking only. Latencies are medians over runs of each run’s p50/p95, after a warm-up on questions made from document titles.',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await run();

// Bench: Zalo end to end. The embedded database with the 2,642-procedure knowledge base, the real conversation
// engine, the Zalo channel (real client, real stores) behind POST /zalo/webhook, 200 concurrent residents played by a
// worker thread that also runs the fake Zalo. Reports messages/s, p50/p95 latency (signed webhook sent → first send
// received), lost and double answers.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { startZalo, toZaloMessages, type ZaloRuntime } from '../../src/channels/zalo/index.js';
import { type Answerer, createConversationEngine } from '../../src/conversation/index.js';
import type { OutgoingReply } from '../../src/conversation/types.js';
import { type Database, openDatabase } from '../../src/db/index.js';
import { createPrismaConversationStore } from '../../src/db/stores/conversation-store.js';
import { createPrismaKnowledgeStore } from '../../src/db/stores/knowledge-store.js';
import {
  createPrismaZaloEventStore,
  createPrismaZaloResidentStore,
  createPrismaZaloTokenStore,
} from '../../src/db/stores/zalo-store.js';
import { listen, type RunningServer } from '../../src/http/index.js';
import { addDocuments } from '../../src/knowledge/ingest/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { EVAL_DATA_DIR, REPO_ROOT } from '../../test/support/shared-data.js';
import { createBenchAnswerer } from '../support/bench-answerer.js';
import { countStatements } from '../support/count-statements.js';
import { profiled } from '../support/cpu-profile.js';
import { mainThreadCpuMs } from '../support/thread-cpu.js';
import { median, percentile, startWorkerRpc } from '../support/worker-rpc.js';
import type { ZaloLoadRequest, ZaloLoadResult } from '../support/zalo-load-worker.js';

const APP_ID = '4318237154897602091';
const APP_SECRET = 'bench-app-secret';
const OA_SECRET_KEY = 'bench-oa-secret-key';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 200);
const PER_RESIDENT = Number(process.env.BENCH_MESSAGES ?? 10);
const DUPLICATE_RATE = 0.05;

interface RunNumbers {
  /** Statements the embedded database ran per message (every delivery counted, redeliveries too). */
  statements: number;
  /** Main-thread CPU ms per delivery (Linux): the service's per-message cost, little moved by the machine's load. */
  cpuMs: number;
  perSecond: number;
  p50: number;
  p95: number;
  lost: number;
  double: number;
}

/** Lost and double answers: what the fake received per resident vs what the engine committed for each event. */
async function countAnswers(db: Database, result: ZaloLoadResult): Promise<{ lost: number; double: number }> {
  const keys = Object.values(result.eventsByUser)
    .flat()
    .map((k) => `zalo:${k}`);
  const rows = await db.prisma.processedMessage.findMany({
    where: { key: { in: keys } },
    select: { key: true, replies: true },
  });
  const committed = new Map(rows.map((r) => [r.key, r.replies as unknown as OutgoingReply[]]));
  let lost = 0;
  let double = 0;
  for (const [user, eventKeys] of Object.entries(result.eventsByUser)) {
    const expected = new Map<string, number>();
    for (const key of eventKeys) {
      const replies = committed.get(`zalo:${key}`);
      if (!replies) {
        lost++;
        continue;
      }
      for (const body of toZaloMessages(user, replies).bodies) {
        const text = body.message.text ?? '';
        expected.set(text, (expected.get(text) ?? 0) + 1);
      }
    }
    const sent = new Map<string, number>();
    for (const text of result.sentByUser[user] ?? []) sent.set(text, (sent.get(text) ?? 0) + 1);
    for (const [text, n] of expected) lost += Math.max(0, n - (sent.get(text) ?? 0));
    for (const [text, n] of sent) double += Math.max(0, n - (expected.get(text) ?? 0));
  }
  return { lost, double };
}

async function loadQuestions(): Promise<string[]> {
  const questions: string[] = [];
  try {
    const lines = (await readFile(path.join(EVAL_DATA_DIR, 'procedure-qa/dev.jsonl'), 'utf8')).split('\n');
    for (const line of lines) if (line.trim()) questions.push((JSON.parse(line) as { question: string }).question);
  } catch {
    // shared data missing: generic questions only
  }
  questions.push(
    'Đăng ký khai sinh cần giấy tờ gì?',
    'Lệ phí đăng ký kết hôn là bao nhiêu?',
    'đăng ký thường trú nộp hồ sơ ở đâu',
  );
  return questions;
}

export async function run(): Promise<void> {
  const logger = createLogger({ level: 'error', toStderr: true });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-bench-zalo-'));
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out('\n## Zalo: signed webhook → /v3.0/oa/message/cs');
  let db: Database | undefined;
  const worker = startWorkerRpc(new URL('../support/zalo-load-worker.ts', import.meta.url));
  let runtime: ZaloRuntime | undefined;
  let server: RunningServer | undefined;
  let closeAnswerer: (() => Promise<void>) | undefined;
  try {
    const t0 = performance.now();
    db = await openDatabase({ dataDir });
    const knowledgeStore = createPrismaKnowledgeStore({ prisma: db.prisma });
    const added = await addDocuments({
      store: knowledgeStore,
      paths: [path.join(EVAL_DATA_DIR, 'tthc-dichvucong/raw'), path.join(REPO_ROOT, 'knowledge')],
      root: REPO_ROOT,
    });
    out(
      `knowledge base: ${await knowledgeStore.countDocuments()} documents (${added.failed.length} files failed) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const bench = await createBenchAnswerer({ knowledgeStore, dataDir });
    closeAnswerer = bench.close;
    out(`answerer: ${bench.description}`);
    const engine = createConversationEngine({
      store: createPrismaConversationStore(db.prisma, { pglite: db.pglite }),
      answerer: bench.answerer as Answerer,
      addressForm: 'Bạn',
    });
    const questions = await loadQuestions();
    const { url: fakeUrl } = await worker.call<{ url: string }>({
      type: 'start',
      appId: APP_ID,
      appSecret: APP_SECRET,
      oaSecretKey: OA_SECRET_KEY,
    });
    const refreshToken = await worker.call<string>({ type: 'refreshToken' });
    const app = new Hono();
    server = await listen(app, '127.0.0.1', 0);
    runtime = startZalo({
      zalo: {
        enabled: true,
        appId: APP_ID,
        appSecret: APP_SECRET,
        oaSecretKey: OA_SECRET_KEY,
        refreshToken,
        apiBase: fakeUrl,
        oauthBase: fakeUrl,
        webhookMaxAgeMs: 86_400_000,
        // the fake has no limits: measure the pipeline, not Zalo's pacing
        ratePerUser: 1000,
        rateGlobal: 100_000,
        maxDownloadBytes: 1024 * 1024,
      },
      handler: engine,
      tokenStore: createPrismaZaloTokenStore(db.prisma),
      events: createPrismaZaloEventStore({ prisma: db.prisma, pglite: db.pglite }),
      residents: createPrismaZaloResidentStore({ prisma: db.prisma, pglite: db.pglite }),
      logger,
    });
    runtime.mount(app);
    const webhookUrl = `http://127.0.0.1:${server.port}/zalo/webhook`;
    let nextUser = 7_000_000_000_000_000_000n;
    const load = (residents: number, perResident: number, seed: number, intervalMs = 0): ZaloLoadRequest => {
      const request = {
        webhookUrl,
        residents,
        messagesPerResident: perResident,
        duplicateRate: DUPLICATE_RATE,
        firstUserId: nextUser.toString(),
        intervalMs,
        questions,
        seed,
      };
      nextUser += BigInt(residents);
      return request;
    };
    const statements = countStatements(db.pglite);
    const measure = async (label: string, request: ZaloLoadRequest): Promise<RunNumbers> => {
      const before = statements.count;
      const cpuBefore = mainThreadCpuMs();
      const result = await worker.call<ZaloLoadResult>({ type: 'load', load: request });
      await runtime?.drain();
      const ran = statements.count - before;
      const cpuAfter = mainThreadCpuMs();
      const { lost, double } = await countAnswers(db as Database, result);
      const numbers = {
        statements: ran / (result.messages + result.duplicatesDelivered),
        cpuMs:
          cpuBefore === undefined || cpuAfter === undefined
            ? Number.NaN
            : (cpuAfter - cpuBefore) / (result.messages + result.duplicatesDelivered),
        perSecond: result.messages / (result.elapsedMs / 1000),
        p50: percentile(result.latencies, 50),
        p95: percentile(result.latencies, 95),
        lost: lost + result.unfinished,
        double,
      };
      out(
        `  ${label}: ${result.messages} messages (+${result.duplicatesDelivered} redelivered), ` +
          `${numbers.perSecond.toFixed(0)} msg/s, p50 ${numbers.p50.toFixed(1)} ms, p95 ${numbers.p95.toFixed(1)} ms, ` +
          `lost ${numbers.lost}, double ${numbers.double}, ${numbers.statements.toFixed(2)} statements and ${numbers.cpuMs.toFixed(2)} main-thread CPU ms per delivery`,
      );
      return numbers;
    };
    await worker.call<ZaloLoadResult>({ type: 'load', load: load(50, 4, 1) });
    const capacity: RunNumbers[] = [];
    const paced: RunNumbers[] = [];
    const light: RunNumbers[] = [];
    for (let r = 0; r < RUNS; r++) {
      capacity.push(
        await profiled(`zalo-capacity-${r + 1}`, () =>
          measure(`capacity run ${r + 1}`, load(RESIDENTS, PER_RESIDENT, 100 + r)),
        ),
      );
      paced.push(await measure(`1 msg/s per resident, run ${r + 1}`, load(RESIDENTS, PER_RESIDENT, 200 + r, 1000)));
      // a quarter of the target load: the latency of one message when nothing queues
      light.push(await measure(`1 msg / 4 s per resident, run ${r + 1}`, load(RESIDENTS, 5, 300 + r, 4000)));
    }
    const med = (runs: RunNumbers[], pick: (x: RunNumbers) => number, digits: number) =>
      median(runs.map(pick)).toFixed(digits);
    const all = [...capacity, ...paced, ...light];
    out('');
    out('capacity: each resident sends again as soon as it is answered; paced: one message per second per resident');
    out('(≈ 200 msg/s offered); light: one every 4 s (≈ 50 msg/s offered).');
    out('Latency = signed webhook sent → first send for it received at the fake. Medians of the runs.');
    out(
      '| residents | capacity msg/s | paced msg/s | paced p50 ms | paced p95 ms | light msg/s | light p50 ms | light p95 ms | lost | double | statements/delivery |',
    );
    out('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    out(
      `| ${RESIDENTS} | ${med(capacity, (x) => x.perSecond, 0)} | ${med(paced, (x) => x.perSecond, 0)} | ` +
        `${med(paced, (x) => x.p50, 1)} | ${med(paced, (x) => x.p95, 1)} | ${med(light, (x) => x.perSecond, 0)} | ` +
        `${med(light, (x) => x.p50, 1)} | ${med(light, (x) => x.p95, 1)} | ${all.reduce((n, x) => n + x.lost, 0)} | ` +
        `${all.reduce((n, x) => n + x.double, 0)} | ${med(all, (x) => x.statements, 2)} |`,
    );
    out(
      `targets (2 cores): ≥ 200 msg/s, p95 ≤ 100 ms, lost 0, double 0; ${os.cpus().length} cores here, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}`,
    );
  } finally {
    await runtime?.stop().catch(() => undefined);
    await server?.close().catch(() => undefined);
    await worker.call({ type: 'stop' }).catch(() => undefined);
    await worker.terminate();
    await closeAnswerer?.().catch(() => undefined);
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

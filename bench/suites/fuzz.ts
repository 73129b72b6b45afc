// Bench: the fuzz properties of the tests, run at scale (10⁵ generated inputs in all by default): Telegram and web
// converters, Telegram updates through the engine and the ticket intake, the chat and ask endpoints of the whole
// service, and `kb add`'s loaders and store. Counts runs and failures per property, then scans every database for
// unclean strings. `BENCH_FUZZ_SCALE=0.1` runs a tenth; `BENCH_FUZZ_SEED` replays a run.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { loadConfig } from '../../src/config/index.js';
import { type Service, startService } from '../../src/service.js';
import { createLogger } from '../../src/shared/logger.js';
import { createDataDir } from '../../test/cli/run-cli.js';
import { createTestDatabase } from '../../test/support/database.js';
import { scanDatabase } from '../../test/support/fuzz/clean.js';
import {
  askEndpointProperty,
  chatEndpointProperty,
  kbLoaderProperty,
  kbStoreProperty,
  telegramConverterProperty,
  telegramEngineProperty,
  webConverterProperty,
  zaloConverterProperty,
} from '../../test/support/fuzz/properties.js';
import setupSnapshot from '../../test/support/global-setup.js';
import { REPO_ROOT } from '../../test/support/shared-data.js';
import { createIntakeHarness } from '../../test/tickets/intake-harness.js';

const SCALE = Number(process.env.BENCH_FUZZ_SCALE ?? 1);
const SEED =
  process.env.BENCH_FUZZ_SEED === undefined ? Date.now() ^ (process.pid << 8) : Number(process.env.BENCH_FUZZ_SEED);
const TEXT_FORMATS = ['.txt', '.md', '.html', '.json', '.jsonl'];

interface Row {
  property: string;
  runs: number;
  failed: boolean;
  seconds: number;
  detail?: string | undefined;
}

const rows: Row[] = [];

// biome-ignore lint/suspicious/noExplicitAny: properties of any argument types are run alike
type AnyProperty = fc.IRawProperty<any, boolean>;

async function run(property: string, prop: AnyProperty, runs: number): Promise<void> {
  const numRuns = Math.max(1, Math.round(runs * SCALE));
  const started = performance.now();
  const details = await fc.check(prop, { numRuns, seed: SEED });
  const seconds = (performance.now() - started) / 1000;
  const detail = details.failed
    ? `${String(details.errorInstance).slice(0, 300)} — counterexample ${JSON.stringify(details.counterexample)?.slice(0, 300)}`
    : undefined;
  rows.push({ property, runs: details.numRuns, failed: details.failed, seconds, detail });
  process.stdout.write(
    `  ${property.padEnd(44)} ${String(details.numRuns).padStart(7)} lần  ${details.failed ? 'LỖI' : 'ổn '}  ${seconds.toFixed(1)} s\n`,
  );
  if (detail) process.stdout.write(`    ${detail}\n`);
}

function scanned(what: string, found: Awaited<ReturnType<typeof scanDatabase>>): void {
  rows.push({
    property: `quét CSDL: ${what}`,
    runs: 0,
    failed: found.length > 0,
    seconds: 0,
    detail: found.length > 0 ? JSON.stringify(found.slice(0, 3)) : undefined,
  });
  process.stdout.write(
    `  quét CSDL sau ${what}: ${found.length === 0 ? 'không có chuỗi bẩn' : `${found.length} chuỗi bẩn`}\n`,
  );
  if (found.length > 0) process.stdout.write(`    ${JSON.stringify(found.slice(0, 3))}\n`);
}

export async function runFuzz(): Promise<void> {
  process.stdout.write(`\n## fuzz (fast-check, seed ${SEED}, scale ${SCALE})\n`);
  await setupSnapshot();
  const work = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-bench-fuzz-'));
  try {
    // pure converters
    await run('Telegram update → IncomingMessage', telegramConverterProperty(), 45_000);
    await run('web post → IncomingMessage', webConverterProperty(), 35_000);
    await run('Zalo webhook event → IncomingMessage', zaloConverterProperty(), 20_000);

    // the engine and the ticket intake on an embedded database
    const intake = await createIntakeHarness();
    try {
      await run(
        'Telegram cuộc trò chuyện → engine (≤ 4 tin)',
        telegramEngineProperty(() => intake.engine),
        1_000,
      );
      scanned('Telegram → engine', await scanDatabase(intake.db));
    } finally {
      await intake.close();
    }

    // the whole service over HTTP
    const dataDir = await createDataDir('tiepdan-bench-fuzz-http-');
    let service: Service | undefined;
    try {
      const config = loadConfig(
        {
          DATA_DIR: dataDir,
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'silent',
          KNOWLEDGE_DIR: path.join(REPO_ROOT, 'knowledge'),
          SETTINGS_DIR: path.join(REPO_ROOT, 'settings'),
        },
        REPO_ROOT,
      );
      service = await startService({ config, logger: createLogger({ level: 'silent' }) });
      const opened = await fetch(`${service.url}/api/chat/sessions`, {
        method: 'POST',
        headers: { 'x-chat-session': 'new' },
      });
      const { sessionId } = (await opened.json()) as { sessionId: string };
      await run('POST /api/chat/messages', chatEndpointProperty(service.url, sessionId), 3_000);
      await run('GET/POST /api/ask', askEndpointProperty(service.url), 3_000);
      scanned('HTTP', await scanDatabase(service.db));
    } finally {
      await service?.stop();
      await rm(dataDir, { recursive: true, force: true });
    }

    // kb add
    await run(
      'kb add: loaders (txt, md, html, json, jsonl)',
      kbLoaderProperty(path.join(work, 'text'), TEXT_FORMATS),
      15_000,
    );
    await run('kb add: loaders (pdf, docx)', kbLoaderProperty(path.join(work, 'binary'), ['.pdf', '.docx']), 1_000);
    const db = await createTestDatabase();
    try {
      await run('kb add → kho tri thức (PGlite)', kbStoreProperty(db, path.join(work, 'store'), TEXT_FORMATS), 1_000);
      scanned('kb add', await scanDatabase(db));
    } finally {
      await db.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const total = rows.reduce((n, r) => n + r.runs, 0);
  const failed = rows.filter((r) => r.failed);
  process.stdout.write(
    `  tổng: ${total} đầu vào sinh ngẫu nhiên, ${failed.length === 0 ? 'không lỗi, không 500, không chuỗi bẩn' : `${failed.length} thuộc tính lỗi`}\n`,
  );
  if (failed.length > 0) throw new Error(`fuzz: ${failed.map((r) => r.property).join(', ')}`);
}

export { runFuzz as run };

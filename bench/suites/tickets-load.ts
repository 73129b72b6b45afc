// Bench: 1,000 residents file petitions and complaints at the same time through Telegram. The real service
// in-process (startService: embedded database, conversation engine, intake dialogue, outbox worker, telegraf in
// webhook mode) against the fake Bot API in a worker thread that also plays the residents, each walking the whole
// intake by pressing the bot's buttons. Counts that every ticket is stored exactly once and that every resident got
// exactly one tracking code — their own; reports throughput and p50/p95 latency per step.
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { type Service, startService } from '../../src/service.js';
import { createLogger } from '../../src/shared/logger.js';
import { REPO_ROOT } from '../../test/support/shared-data.js';
import type { IntakeLoadRequest, IntakeLoadResult } from '../support/tickets-load-worker.js';
import { percentile, startWorkerRpc } from '../support/worker-rpc.js';

const TOKEN = '777000111:AAtickets-bench_not_real';
const SECRET = 'tickets-bench-secret';
const RESIDENTS = Number(process.env.BENCH_TICKET_RESIDENTS ?? 1000);

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Verdict {
  residents: number;
  ticketsStored: number;
  /** Residents without a ticket, or whose ticket is not the one they described. */
  missing: number;
  /** Residents with more than one ticket (a redelivered "Gửi" filed twice). */
  doubleTickets: number;
  /** Residents who got no code, or more than one code message. */
  codeNotOnce: number;
  /** Residents whose code is not their own ticket's. */
  wrongCode: number;
}

/** Compares what the residents saw with what the database holds. */
async function verify(service: Service, load: IntakeLoadRequest, result: IntakeLoadResult): Promise<Verdict> {
  const chats = Array.from({ length: load.residents }, (_, i) => String(load.firstChatId + i));
  const tickets = await service.db.prisma.ticket.findMany({
    where: { resident: { channel: 'telegram', channelUserId: { in: chats } } },
    select: { code: true, description: true, sourceKey: true, resident: { select: { channelUserId: true } } },
  });
  const byChat = new Map<string, typeof tickets>();
  for (const t of tickets) {
    const chat = t.resident?.channelUserId as string;
    byChat.set(chat, [...(byChat.get(chat) ?? []), t]);
  }
  const verdict: Verdict = {
    residents: load.residents,
    ticketsStored: tickets.length,
    missing: 0,
    doubleTickets: 0,
    codeNotOnce: 0,
    wrongCode: 0,
  };
  for (const chat of chats) {
    const own = byChat.get(chat) ?? [];
    if (own.length > 1) verdict.doubleTickets++;
    const ticket = own[0];
    if (!ticket || ticket.description !== result.descriptionByChat[chat]) verdict.missing++;
    const codes = result.codesByChat[chat] ?? [];
    if (codes.length !== 1) verdict.codeNotOnce++;
    if (ticket && codes.length > 0 && codes.some((c) => c !== ticket.code)) verdict.wrongCode++;
  }
  return verdict;
}

export async function run(): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`\n## Tickets: ${RESIDENTS} residents file at the same time through Telegram (webhook)`);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-bench-tickets-'));
  const worker = startWorkerRpc(new URL('../support/tickets-load-worker.ts', import.meta.url));
  let service: Service | undefined;
  try {
    const { url: fakeUrl } = await worker.call<{ url: string }>({ type: 'start', token: TOKEN });
    const port = await freePort();
    const config = loadConfig(
      {
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        DATABASE_URL: '',
        KNOWLEDGE_DIR: path.join(REPO_ROOT, 'knowledge'),
        SETTINGS_DIR: path.join(REPO_ROOT, 'settings'),
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: fakeUrl,
        TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        // the fake has no flood limits: measure the pipeline, not Telegram's pacing (see the Telegram bench)
        TELEGRAM_RATE_PER_CHAT: '1000',
        TELEGRAM_RATE_GLOBAL: '100000',
      },
      REPO_ROOT,
    );
    const t0 = performance.now();
    service = await startService({ config, logger: createLogger({ level: 'error', toStderr: true }) });
    for (let i = 0; i < 200 && !(await worker.call<unknown>({ type: 'webhook' })); i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    out(`service started in ${((performance.now() - t0) / 1000).toFixed(1)} s (fresh embedded database)`);

    let nextChat = 3_000_000;
    const load = (residents: number, seed: number): IntakeLoadRequest => {
      const request: IntakeLoadRequest = {
        residents,
        firstChatId: nextChat,
        duplicateRate: 0.05,
        photoRate: 0.3,
        complaintRate: 0.2,
        seed,
        replyTimeoutMs: 120_000,
      };
      nextChat += residents;
      return request;
    };
    // warm-up: query plans, JIT, connection pools
    await worker.call<IntakeLoadResult>({ type: 'load', load: load(30, 1) });

    const request = load(RESIDENTS, 42);
    const result = await worker.call<IntakeLoadResult>({ type: 'load', load: request });
    const verdict = await verify(service, request, result);
    const seconds = result.elapsedMs / 1000;
    out(
      `${RESIDENTS} residents, ${result.updatesSent} updates (${result.duplicatesDelivered} "Gửi" presses delivered twice), ` +
        `${result.messagesReceived} bot messages, in ${seconds.toFixed(1)} s: ` +
        `${(verdict.ticketsStored / seconds).toFixed(1)} tickets/s, ${(result.updatesSent / seconds).toFixed(0)} updates/s`,
    );
    out(
      `stored ${verdict.ticketsStored} tickets for ${verdict.residents} residents; missing ${verdict.missing}, ` +
        `filed twice ${verdict.doubleTickets}, code not exactly once ${verdict.codeNotOnce}, someone else's code ${verdict.wrongCode}, ` +
        `residents who could not finish ${result.failures.length}`,
    );
    for (const f of result.failures.slice(0, 5)) out(`  failure: chat ${f.chat} at ${f.step}: ${f.reason}`);
    out('');
    out('| step | n | p50 ms | p95 ms |');
    out('| --- | --- | --- | --- |');
    for (const [step, values] of Object.entries(result.stepLatencies))
      out(
        `| ${step} | ${values.length} | ${percentile(values, 50).toFixed(0)} | ${percentile(values, 95).toFixed(0)} |`,
      );
    out(
      `| "Gửi" → tracking code | ${result.codeLatencies.length} | ${percentile(result.codeLatencies, 50).toFixed(0)} | ` +
        `${percentile(result.codeLatencies, 95).toFixed(0)} |`,
    );
    out(
      `latency = update sent by the fake → first sendMessage for that chat at the fake; all residents start together. ` +
        `${os.cpus().length} cores, load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' / ')}`,
    );
    const ok =
      verdict.ticketsStored === RESIDENTS &&
      verdict.missing + verdict.doubleTickets + verdict.codeNotOnce + verdict.wrongCode + result.failures.length === 0;
    if (!ok) throw new Error('tickets load: some ticket was lost, doubled or answered with the wrong code');
  } finally {
    await service?.stop().catch(() => undefined);
    await worker.call({ type: 'stop' }).catch(() => undefined);
    await worker.terminate();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// Bench: the accountability report over 100,000 tickets — the public page /minh-bach (four groupings of a year's
// tickets, read once) and `tickets report --by commune` — on the embedded database and, when BENCH_DATABASE_URL or
// TEST_DATABASE_URL names one, on PostgreSQL. Tickets are generated with SQL (kinds, fields, communes, units, states,
// answer times and ratings spread over 12 months). Reports p50/p95 over several runs; the bar is p95 ≤ 1 s.
//   npm run bench -- reports          (BENCH_REPORT_TICKETS=100000, BENCH_REPORT_RUNS=15)

import path from 'node:path';
import type { Database } from '../../src/db/index.js';
import { PrismaTicketStore } from '../../src/db/stores/ticket-store.js';
import { createHttpApp } from '../../src/http/index.js';
import { mountTransparency } from '../../src/http/routes/transparency.js';
import { createLogger } from '../../src/shared/logger.js';
import {
  loadTicketSettings,
  reportTickets,
  reportTicketsBy,
  syncTicketSettings,
  type TicketDeps,
} from '../../src/tickets/index.js';
import { REPO_ROOT } from '../../test/support/shared-data.js';
import { onEachDatabase } from '../support/each-database.js';
import { percentile } from '../support/worker-rpc.js';

const TICKETS = Number(process.env.BENCH_REPORT_TICKETS ?? 100_000);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 15);
const NOW = new Date('2026-12-01T03:00:00.000Z');

/** Generates TICKETS tickets in one INSERT … SELECT (also used by the console suite). */
export async function fill(db: Database, deps: TicketDeps): Promise<void> {
  const categories = deps.settings.categories.map((c) => c.code);
  const communes = deps.settings.communes.map((c) => c.code);
  const units = await db.prisma.unit.findMany({ select: { id: true } });
  const kinds = ['petition', 'petition', 'petition', 'complaint', 'denunciation'];
  const statuses = ['answered', 'answered', 'closed', 'in_progress', 'accepted', 'received'];
  // one INSERT … SELECT generate_series: arrays are passed as text literals, picked by the row number
  const arr = (values: Array<string | number>) => `ARRAY[${values.map((v) => `'${v}'`).join(',')}]`;
  const sql = `
    INSERT INTO "Ticket" (code, kind, category, commune, description, status, channel, "unitId", "receivedAt",
      "acknowledgeBy", "dueAt", "acknowledgedAt", "answeredAt", "closedAt", "disputedAt", satisfaction,
      "residentResolved", "updatedAt")
    SELECT 'PA-BENCH-' || n,
      (${arr(kinds)})[1 + n % ${kinds.length}],
      (${arr(categories)})[1 + (n * 7) % ${categories.length}],
      (${arr(communes)})[1 + (n * 13) % ${communes.length}],
      'Nội dung sinh tự động', st, 'web',
      ((${arr(units.map((u) => u.id))})::int[])[1 + (n * 3) % ${units.length}],
      r, r + interval '14 days', r + interval '35 days',
      CASE WHEN st <> 'received' THEN r + ((n % 12) || ' days')::interval END,
      CASE WHEN st IN ('answered', 'closed') THEN r + ((n % 40) || ' days')::interval END,
      CASE WHEN st = 'closed' THEN r + ((n % 40 + 3) || ' days')::interval END,
      CASE WHEN n % 17 = 0 AND st IN ('answered', 'closed') THEN r + interval '45 days' END,
      CASE WHEN n % 3 = 0 AND st IN ('answered', 'closed') THEN 1 + n % 5 END,
      CASE WHEN n % 4 = 0 AND st IN ('answered', 'closed') THEN n % 8 <> 0 END,
      r
    FROM (
      SELECT n, (${arr(statuses)})[1 + n % ${statuses.length}] AS st,
        TIMESTAMP '2025-12-01 00:00:00' + ((n * 7919) % 31536000 || ' seconds')::interval AS r
      FROM generate_series(1, ${TICKETS}) AS n
    ) g`;
  await db.prisma.$executeRawUnsafe(sql);
}

async function measure(label: string, db: Database): Promise<void> {
  const settings = await loadTicketSettings(path.join(REPO_ROOT, 'settings'));
  const store = new PrismaTicketStore(db.prisma);
  await syncTicketSettings({ store, settings });
  const deps: TicketDeps = { store, settings, clock: { now: () => new Date(NOW) } };
  const started = performance.now();
  await fill(db, deps);
  const fillMs = performance.now() - started;
  const app = createHttpApp({
    logger: createLogger({ level: 'silent' }),
    mounts: [(a) => mountTransparency(a, { deps })],
    health: async () => ({}),
  });
  const cold: number[] = [];
  const page: number[] = [];
  const communes: number[] = [];
  const year = { from: new Date('2025-12-01T00:00:00+07:00'), to: new Date(NOW.getTime() + 1) };
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    const four = await reportTicketsBy(deps, ['unit', 'category', 'month', 'kind'], year);
    if (!four.unit || four.unit.total.received === 0) throw new Error('the year report counted nothing');
    cold.push(performance.now() - t);
    t = performance.now();
    const res = await app.request('/minh-bach');
    if (res.status !== 200) throw new Error(`/minh-bach answered ${res.status}`);
    await res.text();
    page.push(performance.now() - t);
    t = performance.now();
    const report = await reportTickets(deps, { by: 'commune' });
    if (report.total.received !== TICKETS) throw new Error(`report counted ${report.total.received} tickets`);
    communes.push(performance.now() - t);
  }
  const f = (xs: number[]) => `p50 ${Math.round(percentile(xs, 50))} ms, p95 ${Math.round(percentile(xs, 95))} ms`;
  const bar = (xs: number[]) => (percentile(xs, 95) <= 1000 ? '✓' : '✗');
  process.stdout.write(
    `reports on ${label}: ${TICKETS.toLocaleString('en')} tickets (generated in ${Math.round(fillMs)} ms), ${RUNS} runs\n` +
      `  counting the page's figures (unit, field, month, kind; 12 months), uncached: ${f(cold)} ${bar(cold)} bar p95 ≤ 1000 ms\n` +
      `  GET /minh-bach as served (counted at most once a minute):             ${f(page)} ${bar(page)}\n` +
      `  tickets report --by commune (all tickets):                             ${f(communes)} ${bar(communes)}\n`,
  );
}

export async function run(): Promise<void> {
  await onEachDatabase('reports', measure);
}

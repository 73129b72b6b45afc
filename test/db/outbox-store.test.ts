// The outbox store's claim on both database back ends: due rows only, oldest first, each row to one claimer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { PrismaOutboxStore } from '../../src/db/stores/outbox-store.js';
import { createPostgresTestDatabase, createTestDatabase, postgresAvailable } from '../support/database.js';

const postgres = await postgresAvailable();
if ('reason' in postgres) process.stdout.write(`outbox store on PostgreSQL skipped: ${postgres.reason}\n`);

const backends: Array<[string, () => Promise<{ db: Database; drop: () => Promise<void> }>, boolean]> = [
  ['PGlite', async () => ({ db: await createTestDatabase(), drop: async () => undefined }), false],
  ['PostgreSQL', () => createPostgresTestDatabase((postgres as { url: string }).url), 'reason' in postgres],
];

describe.each(backends)('PrismaOutboxStore on %s', (_name, open, skip) => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    if (skip) return;
    ({ db, drop } = await open());
  });
  afterAll(async () => {
    if (skip) return;
    await db.close();
    await drop();
  });

  it.skipIf(skip)('claims due rows once, oldest first, and releases without counting a try', async () => {
    const now = new Date('2026-11-25T01:00:00.000Z');
    for (let i = 0; i < 12; i++) {
      await db.prisma.outboxMessage.create({
        data: {
          dedupeKey: `k${i}`,
          channel: 'telegram',
          channelUserId: String(i % 3),
          payload: { text: `tin ${i}`, quickReplies: [], attachments: [] },
          nextAttemptAt: i === 11 ? new Date(now.getTime() + 60_000) : now,
        },
      });
    }
    const store = new PrismaOutboxStore(db.prisma);
    const [a, b] = await Promise.all([store.claimDue(now, 6, 30_000), store.claimDue(now, 6, 30_000)]);
    const ids = [...a, ...b].map((m) => m.id);
    expect(new Set(ids).size).toBe(11); // row 11 is not due; nobody got a row twice
    expect(a.map((m) => m.id)).toEqual([...a.map((m) => m.id)].sort((x, y) => x - y));
    const first = [...a, ...b].sort((x, y) => x.id - y.id)[0];
    expect(first).toMatchObject({ status: 'sending', attempts: 1, channelUserId: '0' });
    expect(first?.payload.text).toBe('tin 0');
    expect(first?.nextAttemptAt.toISOString()).toBe('2026-11-25T01:00:30.000Z');
    expect(await store.claimDue(now, 6, 30_000)).toEqual([]);
    await store.release(first?.id as number, now);
    const again = await store.claimDue(now, 6, 30_000);
    expect(again.map((m) => [m.id, m.attempts])).toEqual([[first?.id, 1]]);
  });
});

// The persisted update_id dedupe: what survives a restart and what a killed run leaves to be retried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/index.js';
import { createPrismaTelegramUpdateStore } from '../../../src/db/stores/telegram-update-store.js';
import { createTestDatabase } from '../../support/database.js';

describe.each(['prisma', 'pglite'] as const)('TelegramUpdateStore (statements through %s)', (via) => {
  let db: Database;
  const open = (options: { owner?: string } = {}) =>
    createPrismaTelegramUpdateStore({
      prisma: db.prisma,
      pglite: via === 'pglite' ? db.pglite : undefined,
      ...options,
    });
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('lets one claim of an update win, even when claims race', async () => {
    const store = open({ owner: 'run-1' });
    const results = await Promise.all([store.claim(1), store.claim(1), store.claim(1)]);
    expect(results.sort()).toEqual(['duplicate', 'duplicate', 'new']);
  });

  it('groups concurrent claims and completions without mixing them up', async () => {
    const store = open({ owner: 'run-1' });
    const ids = Array.from({ length: 60 }, (_, i) => 1000 + i);
    const results = await Promise.all([...ids, ...ids.slice(0, 20)].map((id) => store.claim(id)));
    expect(results.filter((r) => r === 'new')).toHaveLength(60);
    await Promise.all(ids.slice(0, 30).map((id) => store.complete(id)));
    const done = await db.prisma.telegramUpdate.count({
      where: { updateId: { gte: 1000n, lt: 1060n }, status: 'done' },
    });
    expect(done).toBe(30);
  });

  it('remembers a completed update across restarts', async () => {
    const first = open({ owner: 'run-1' });
    expect(await first.claim(2)).toBe('new');
    await first.complete(2);
    const afterRestart = open({ owner: 'run-2' });
    expect(await afterRestart.claim(2)).toBe('duplicate');
  });

  it('hands an update left half-done by a killed run to the next run, once', async () => {
    const killed = open({ owner: 'run-1' });
    expect(await killed.claim(3)).toBe('new');
    const next = open({ owner: 'run-2' });
    expect(await next.claim(3)).toBe('new');
    expect(await next.claim(3)).toBe('duplicate');
  });

  it('lets a released update be tried again', async () => {
    const store = open({ owner: 'run-1' });
    expect(await store.claim(4)).toBe('new');
    await store.release(4);
    expect(await store.claim(4)).toBe('new');
    await store.complete(4);
    await store.release(4);
    expect(await store.claim(4)).toBe('duplicate');
  });

  it('handles update ids beyond 32 bits and prunes old rows', async () => {
    const store = open();
    expect(await store.claim(2 ** 40)).toBe('new');
    expect(await store.claim(2 ** 40)).toBe('duplicate');
    expect(await store.prune(new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(65);
    expect(await db.prisma.telegramUpdate.count()).toBe(0);
  });
});

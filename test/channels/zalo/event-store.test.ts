// The Zalo event store's claim, which also records the resident's inbound time in the same statement: one winner per
// msg_id (racing, across restarts, after a killed run), the window moved only by a won claim, each resident's own
// options handed back even when claims of many residents share a batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/index.js';
import { createPrismaZaloEventStore, createPrismaZaloResidentStore } from '../../../src/db/stores/zalo-store.js';
import { createTestDatabase } from '../../support/database.js';

describe.each(['prisma', 'pglite'] as const)('ZaloEventStore.claim (statements through %s)', (via) => {
  let db: Database;
  const stores = (owner: string) => {
    const options = { prisma: db.prisma, pglite: via === 'pglite' ? db.pglite : undefined, owner };
    return { events: createPrismaZaloEventStore(options), residents: createPrismaZaloResidentStore(options) };
  };
  const lastInbound = async (userId: string) =>
    (await db.prisma.zaloResident.findUnique({ where: { userId } }))?.lastInboundAt;
  let nextUser = 7_100_000_000_000_000_000n;
  const newUser = () => (nextUser++).toString();
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('lets one claim of a msg_id win when deliveries race, and records the inbound time once', async () => {
    const { events } = stores('run-1');
    const user = newUser();
    const at = new Date('2026-12-03T08:00:00.000Z');
    const results = await Promise.all([1, 2, 3].map(() => events.claim('msg:race', { userId: user, at })));
    expect(results.map((r) => r.status).sort()).toEqual(['duplicate', 'duplicate', 'new']);
    expect(await lastInbound(user)).toEqual(at);
  });

  it('a redelivery moves no reply window: only a won claim records the time', async () => {
    const { events } = stores('run-1');
    const user = newUser();
    const first = new Date('2026-12-01T08:00:00.000Z');
    expect((await events.claim('msg:window', { userId: user, at: first })).status).toBe('new');
    await events.complete('msg:window');
    const redelivered = await events.claim('msg:window', { userId: user, at: new Date('2026-12-02T08:00:00.000Z') });
    expect(redelivered.status).toBe('duplicate');
    expect(await lastInbound(user)).toEqual(first);
  });

  it('remembers a completed msg_id across restarts, and hands a killed run’s half-done one to the next run once', async () => {
    const user = newUser();
    const at = new Date();
    const first = stores('run-1').events;
    expect((await first.claim('msg:done', { userId: user, at })).status).toBe('new');
    await first.complete('msg:done');
    expect((await first.claim('msg:half', { userId: user, at })).status).toBe('new');
    const next = stores('run-2').events;
    expect((await next.claim('msg:done', { userId: user, at })).status).toBe('duplicate');
    expect((await next.claim('msg:half', { userId: user, at })).status).toBe('new');
    expect((await next.claim('msg:half', { userId: user, at })).status).toBe('duplicate');
  });

  it('hands each resident their own last numbered options, when many residents’ claims share a batch', async () => {
    const { events, residents } = stores('run-1');
    const users = Array.from({ length: 40 }, newUser);
    await Promise.all(
      users.map((u, i) => residents.recordSent(u, 1, [{ label: `Lựa chọn ${i}`, action: `intent:ask:${i}` }])),
    );
    const outcomes = await Promise.all(
      users.map((u, i) => events.claim(`msg:batch-${i}`, { userId: u, at: new Date() })),
    );
    for (const [i, outcome] of outcomes.entries()) {
      expect(outcome).toEqual({
        status: 'new',
        options: [{ label: `Lựa chọn ${i}`, action: `intent:ask:${i}` }],
        notices: [],
      });
    }
    const fresh = await events.claim('msg:fresh', { userId: newUser(), at: new Date() });
    expect(fresh).toEqual({ status: 'new', options: [], notices: [] });
  });

  it('counts the messages sent since the resident last wrote, keeps the options when none are given, and starts again at their next message', async () => {
    const { events, residents } = stores('run-1');
    const user = newUser();
    const at = new Date('2026-12-03T08:00:00.000Z');
    expect((await events.claim('msg:count-1', { userId: user, at })).status).toBe('new');
    const options = [{ label: 'Hỏi', action: 'intent:ask' }];
    await Promise.all([residents.recordSent(user, 2, options), residents.recordSent(user, 3, undefined)]);
    await residents.recordSent(user, 1, undefined);
    expect(await residents.windowState(user)).toEqual({ lastInboundAt: at, repliesSinceInbound: 6 });
    const later = new Date('2026-12-03T09:00:00.000Z');
    const next = await events.claim('msg:count-2', { userId: user, at: later });
    expect(next).toEqual({ status: 'new', options, notices: [] });
    expect(await residents.windowState(user)).toEqual({ lastInboundAt: later, repliesSinceInbound: 0 });
    // sent to someone who never wrote (an outbox answer to a resident of another era): counted, no options
    const stranger = newUser();
    await residents.recordSent(stranger, 1, undefined);
    expect(await residents.windowState(stranger)).toEqual({ lastInboundAt: undefined, repliesSinceInbound: 1 });
    expect(await events.claim('msg:stranger', { userId: stranger, at })).toEqual({
      status: 'new',
      options: [],
      notices: [],
    });
  });

  it('does not count replies sent before the resident wrote again, when their record is written after that message', async () => {
    const { events, residents } = stores('run-1');
    const user = newUser();
    expect((await events.claim('msg:late-1', { userId: user, at: new Date(Date.now() - 60_000) })).status).toBe('new');
    // the record of the first answer is sent now but written late: the resident's next message was claimed meanwhile
    const recording = residents.recordSent(user, 2, undefined);
    const next = new Date(Date.now() + 60_000);
    expect((await events.claim('msg:late-2', { userId: user, at: next })).status).toBe('new');
    await recording;
    expect(await residents.windowState(user)).toEqual({ lastInboundAt: next, repliesSinceInbound: 0 });
    await residents.recordSent(user, 1, undefined);
    expect(await residents.windowState(user)).toEqual({ lastInboundAt: next, repliesSinceInbound: 0 });
  });

  it('lets a released msg_id be tried again', async () => {
    const { events } = stores('run-1');
    const user = newUser();
    expect((await events.claim('msg:released', { userId: user, at: new Date() })).status).toBe('new');
    await events.release('msg:released');
    expect((await events.claim('msg:released', { userId: user, at: new Date() })).status).toBe('new');
  });
});

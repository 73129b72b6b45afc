// The outbox worker on a real embedded database: backoff retries, permanent failures, racing workers, restarts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors.js';
import { answerTicket, backoffDelay, createTicket, listTickets, OutboxWorker } from '../../src/tickets/index.js';
import { CONSENT, createTicketTestEnv, OFFICER, PERSON, RecordingChannel, type TicketTestEnv } from './helpers.js';

describe('outbox delivery', () => {
  let env: TicketTestEnv;
  let telegram: RecordingChannel;
  beforeEach(async () => {
    env = await createTicketTestEnv('2026-03-02T02:00:00.000Z');
    telegram = new RecordingChannel('telegram');
  });
  afterEach(async () => {
    await env.close();
  });

  const worker = (options: Partial<ConstructorParameters<typeof OutboxWorker>[0]> = {}) =>
    new OutboxWorker({
      store: env.outbox,
      channels: (name) => (name === 'telegram' ? telegram : undefined),
      clock: env.clock,
      baseDelayMs: 1000,
      maxAttempts: 4,
      ...options,
    });

  const file = (userId: string, channel = 'telegram') =>
    createTicket(env.deps, {
      kind: 'petition',
      category: 'khac',
      description: 'Phản ánh cần trả lời',
      personal: PERSON,
      consent: CONSENT,
      resident: { channel, channelUserId: userId },
    });

  it('retries a failing channel with exponential backoff, then delivers once', async () => {
    const { ticket } = await file('1');
    telegram.failNext = 2;
    const w = worker();
    expect(await w.runOnce()).toMatchObject({ sent: 0, retried: 1 });
    let row = (await env.store.listOutboxForTicket(ticket.id))[0];
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'mạng chập chờn' });
    expect(row?.nextAttemptAt.getTime()).toBe(env.clock.now().getTime() + 1000);
    expect(await w.runOnce()).toMatchObject({ sent: 0, retried: 0 }); // not due yet
    env.clock.advance(1000);
    expect(await w.runOnce()).toMatchObject({ retried: 1 });
    row = (await env.store.listOutboxForTicket(ticket.id))[0];
    expect(row?.nextAttemptAt.getTime()).toBe(env.clock.now().getTime() + 2000); // doubled
    env.clock.advance(2000);
    expect(await w.runOnce()).toMatchObject({ sent: 1 });
    expect(await w.runOnce()).toMatchObject({ sent: 0 });
    expect(telegram.sent).toHaveLength(1);
    row = (await env.store.listOutboxForTicket(ticket.id))[0];
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
    expect(row?.sentAt).not.toBeNull();
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 1000, 5000))).toEqual([1000, 2000, 4000, 5000]);
  });

  it('records a permanent failure (Zalo reply window closed) and shows it to officers', async () => {
    const zalo = new RecordingChannel('zalo');
    zalo.failNext = 1;
    zalo.failWith = () =>
      new AppError('CHANNEL_FAILED', 'Zalo -230', {
        userMessage: 'Người dân không tương tác với OA quá 7 ngày: không gửi được tin miễn phí.',
        details: { permanent: true, reason: 'zalo_window_closed' },
      });
    const { ticket } = await file('z1', 'zalo');
    const w = worker({ channels: (name) => (name === 'zalo' ? zalo : undefined) });
    expect(await w.runOnce()).toMatchObject({ failed: 1 });
    expect(await w.runOnce()).toMatchObject({ sent: 0, failed: 0 });
    const [row] = await env.store.listOutboxForTicket(ticket.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.lastError).toContain('zalo_window_closed');
    const listed = await listTickets(env.deps, { actor: OFFICER });
    expect(listed[0]?.deliveryProblem).toContain('gửi thất bại');
    expect(await env.outbox.requeue(row?.id as number, env.clock.now())).toBe(true);
    expect(await w.runOnce()).toMatchObject({ sent: 1 });
  });

  it('gives up after the last attempt and says so', async () => {
    const { ticket } = await file('2');
    telegram.failNext = 100;
    const w = worker({ maxAttempts: 2 });
    await w.runOnce();
    env.clock.advance(60_000);
    expect(await w.runOnce()).toMatchObject({ failed: 1 });
    expect((await env.store.listOutboxForTicket(ticket.id))[0]?.lastError).toMatch(/^đã thử 2 lần/);
  });

  it('never sends a message twice when two workers race', async () => {
    for (let i = 0; i < 30; i++) await file(`r${i}`);
    const a = worker({ batchSize: 5 });
    const b = worker({ batchSize: 5 });
    const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(ra.sent + rb.sent).toBe(30);
    expect(telegram.sent).toHaveLength(30);
    expect(new Set(telegram.sent.map((s) => s.userId)).size).toBe(30);
  });

  it('carries on after a restart and marks a send interrupted by a crash as uncertain, not resent', async () => {
    for (let i = 0; i < 3; i++) await file(`s${i}`);
    // a worker that claimed one row and died before recording the send
    const [claimed] = await env.outbox.claimDue(env.clock.now(), 1, 60_000);
    expect(claimed).toBeDefined();
    // a new worker on the same database
    const restarted = worker();
    expect(await restarted.runOnce()).toMatchObject({ sent: 2, markedUncertain: 0 });
    env.clock.advance(61_000);
    expect(await restarted.runOnce()).toMatchObject({ sent: 0, markedUncertain: 1 });
    expect(telegram.sent).toHaveLength(2);
    expect(await env.outbox.countByStatus()).toEqual({ sent: 2, uncertain: 1 });
    const listed = await listTickets(env.deps, { actor: OFFICER });
    expect(listed.filter((t) => t.deliveryProblem === 'không rõ đã gửi được chưa')).toHaveLength(1);
  });

  it('delivers an answer promptly when woken after the commit', async () => {
    const { ticket } = await file('w1');
    const w = worker({ pollMs: 60_000 });
    env.deps.notifier = w;
    w.start();
    try {
      await answerTicket(env.deps, { code: ticket.code, answer: 'Cơ quan đã xử lý xong.', actor: OFFICER });
      for (let i = 0; i < 200 && telegram.sent.length < 2; i++) await new Promise((r) => setTimeout(r, 25));
    } finally {
      await w.stop();
    }
    expect(telegram.sent.map((s) => s.payload.text.split('\n')[0])).toEqual([
      'Đã tiếp nhận phản ánh, kiến nghị của bạn.',
      `Trả lời cho yêu cầu ${ticket.code}:`,
    ]);
  });

  it("keeps one resident's messages in order: a failed message holds back the ones after it", async () => {
    const { ticket } = await file('order-1');
    await answerTicket(env.deps, { code: ticket.code, answer: 'Đã sửa xong đoạn đường.', actor: OFFICER });
    telegram.failNext = 1; // the confirmation fails once
    const w = worker();
    expect(await w.runOnce()).toMatchObject({ sent: 0, retried: 1 });
    const rows = await env.store.listOutboxForTicket(ticket.id);
    // the answer was not sent ahead of the confirmation, and its release did not count as a try
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['pending', 1],
      ['pending', 0],
    ]);
    expect(rows[1]?.nextAttemptAt.getTime()).toBe(rows[0]?.nextAttemptAt.getTime());
    env.clock.advance(1000);
    expect(await w.runOnce()).toMatchObject({ sent: 2 });
    expect(telegram.sent.map((s) => s.payload.text.split('\n')[0])).toEqual([
      'Đã tiếp nhận phản ánh, kiến nghị của bạn.',
      `Trả lời cho yêu cầu ${ticket.code}:`,
    ]);
  });

  it('does not let one slow chat hold up the other residents', async () => {
    await file('slow');
    for (let i = 0; i < 3; i++) await file(`fast-${i}`);
    let releaseSlow: () => void = () => undefined;
    const slowSent = new Promise<void>((resolve) => {
      releaseSlow = resolve;
    });
    const delivered: string[] = [];
    const channel = {
      name: 'telegram',
      async send(userId: string) {
        if (userId === 'slow') await slowSent;
        delivered.push(userId);
      },
    };
    const w = new OutboxWorker({ store: env.outbox, channels: () => channel, clock: env.clock });
    const pass = w.runOnce();
    for (let i = 0; i < 200 && delivered.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    expect(delivered).toEqual(['fast-0', 'fast-1', 'fast-2']); // while the first one still waits
    releaseSlow();
    expect(await pass).toMatchObject({ sent: 4 });
    expect(delivered.at(-1)).toBe('slow');
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/channels/shared/rate-limiter.js';
import { createFakeConversation } from '../support/fake-conversation.js';
import { startTelegramHarness, type TelegramHarness } from '../support/telegram-harness.js';

/** A clock that only moves when a sleeper asks it to. */
function fakeClock() {
  let now = 1_000_000;
  const log: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    log,
  };
}

async function sendTimes(
  limiter: RateLimiter,
  clock: ReturnType<typeof fakeClock>,
  chats: string[],
): Promise<number[]> {
  const start = clock.now();
  const times: number[] = [];
  for (const chat of chats) {
    await limiter.acquire(chat);
    times.push(clock.now() - start);
  }
  return times;
}

/** Telegram's limits (1/s per chat with a burst of 3, 30/s overall) on the fake clock; `overrides` change one. */
function limiterOn(clock: ReturnType<typeof fakeClock>, overrides: { perChatBurst?: number } = {}): RateLimiter {
  return new RateLimiter({
    perChatPerSecond: 1,
    perChatBurst: 3,
    globalPerSecond: 30,
    globalBurst: 30,
    ...overrides,
    ...clock,
  });
}

describe('RateLimiter', () => {
  it('lets a short burst through to one chat, then about one message per second', async () => {
    const clock = fakeClock();
    const limiter = limiterOn(clock);
    const times = await sendTimes(limiter, clock, Array(6).fill('a'));
    expect(times).toEqual([0, 0, 0, 1000, 2000, 3000]);
  });

  it('keeps the whole bot at about 30 messages per second across chats', async () => {
    const clock = fakeClock();
    const limiter = limiterOn(clock);
    const chats = Array.from({ length: 90 }, (_, i) => `chat${i}`);
    const times = await sendTimes(limiter, clock, chats);
    // the first 30 go at once; the rest are spaced 1/30 s apart
    expect(times.slice(0, 30).every((t) => t === 0)).toBe(true);
    const last = times.at(-1) ?? 0;
    expect(Math.round(last)).toBe(2000);
    const inFirstSecondAfterBurst = times.filter((t) => t > 0 && t <= 1000.5).length;
    expect(inFirstSecondAfterBurst).toBe(30);
  });

  it('does not let one busy chat slow down another', async () => {
    const clock = fakeClock();
    const limiter = limiterOn(clock, { perChatBurst: 1 });
    await limiter.acquire('busy');
    expect(limiter.delayFor('busy')).toBe(1000);
    expect(limiter.delayFor('other')).toBe(0);
  });

  it('pauses a chat after a 429 for retry_after', async () => {
    const clock = fakeClock();
    const limiter = limiterOn(clock);
    limiter.pause('a', 7000);
    const [t] = await sendTimes(limiter, clock, ['a']);
    expect(t).toBe(7000);
    expect(limiter.delayFor('b')).toBe(0);
  });

  it('pauses every chat after a 429 that may be the whole bot flooding', async () => {
    const clock = fakeClock();
    const limiter = limiterOn(clock);
    limiter.pauseAll(7000);
    expect(limiter.delayFor('b')).toBe(7000);
    const times = await sendTimes(limiter, clock, ['a', 'b', 'c']);
    // and then it resumes at the steady rate (1/30 s apart), not with a burst
    expect(times.map(Math.round)).toEqual([7000, 7033, 7067]);
  });

  it('forgets idle chats', async () => {
    const clock = fakeClock();
    const limiter = limiterOn(clock);
    await sendTimes(limiter, clock, ['a', 'b', 'c']);
    expect(limiter.trackedChats).toBe(3);
    await clock.sleep(120_000);
    limiter.sweep();
    expect(limiter.trackedChats).toBe(0);
  });
});

/** A clock that moves only when the test says so; sleepers wake when their time comes. */
function manualClock() {
  let now = 1_000_000;
  const sleepers: Array<{ until: number; wake: () => void }> = [];
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((resolve) => sleepers.push({ until: now + ms, wake: resolve })),
    /** How long each message still held back waits. */
    waits: () => sleepers.map((s) => s.until - now),
    advance(ms: number) {
      now += ms;
      // 1000/30 ms slots are not exact in floating point: within a microsecond is due
      for (const s of sleepers.filter((x) => x.until <= now + 0.001)) {
        sleepers.splice(sleepers.indexOf(s), 1);
        s.wake();
      }
    },
  };
}

describe('retry_after from the Bot API', () => {
  const clock = manualClock();
  const reply = { text: 'Cán bộ trả lời: đã tiếp nhận.', quickReplies: [], attachments: [] };
  let h: TelegramHarness;
  beforeAll(async () => {
    h = await startTelegramHarness({
      handler: createFakeConversation(),
      mode: 'webhook',
      limits: { now: clock.now, sleep: clock.sleep },
    });
  });
  // each test starts with the pacing of the one before long past
  beforeEach(() => clock.advance(60_000));
  afterAll(async () => {
    await h?.close();
  });

  it('holds back messages to other chats too until retry_after has passed', async () => {
    h.fake.failNext('sendMessage', 429, { retryAfter: 5 });
    const first = h.runtime.channel.send('41001', reply);
    await expect.poll(() => clock.waits().length).toBe(1);
    const other = h.runtime.channel.send('41002', reply);
    await expect.poll(() => clock.waits().length).toBe(2);
    expect(clock.waits().every((ms) => ms >= 5000)).toBe(true);
    expect(h.fake.sentTo('41002')).toHaveLength(0);
    // the retried message goes first, then the rest at the steady rate
    clock.advance(5000);
    await first;
    clock.advance(1000);
    await Promise.all([first, other]);
    expect(h.fake.sentTo('41001')).toHaveLength(2);
    expect(h.fake.sentTo('41002')).toHaveLength(1);
  });

  it('pauses only the chat when the 429 gives no retry_after', async () => {
    h.fake.failNext('sendMessage', 429);
    const first = h.runtime.channel.send('41003', reply);
    await expect.poll(() => clock.waits().length).toBe(1);
    const other = h.runtime.channel.send('41004', reply);
    // the other chat keeps only the steady pacing, far less than the second the first chat waits
    await expect.poll(() => h.fake.sentTo('41004').length + clock.waits().length).toBe(2);
    clock.advance(100);
    await other;
    expect(h.fake.sentTo('41004')).toHaveLength(1);
    expect(h.fake.sentTo('41003')).toHaveLength(1);
    clock.advance(900);
    await first;
    expect(h.fake.sentTo('41003')).toHaveLength(2);
  });
});

import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/channels/telegram/index.js';

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

describe('RateLimiter', () => {
  it('lets a short burst through to one chat, then about one message per second', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({
      perChatPerSecond: 1,
      perChatBurst: 3,
      globalPerSecond: 30,
      globalBurst: 30,
      ...clock,
    });
    const times = await sendTimes(limiter, clock, Array(6).fill('a'));
    expect(times).toEqual([0, 0, 0, 1000, 2000, 3000]);
  });

  it('keeps the whole bot at about 30 messages per second across chats', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({
      perChatPerSecond: 1,
      perChatBurst: 3,
      globalPerSecond: 30,
      globalBurst: 30,
      ...clock,
    });
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
    const limiter = new RateLimiter({
      perChatPerSecond: 1,
      perChatBurst: 1,
      globalPerSecond: 30,
      globalBurst: 30,
      ...clock,
    });
    await limiter.acquire('busy');
    expect(limiter.delayFor('busy')).toBe(1000);
    expect(limiter.delayFor('other')).toBe(0);
  });

  it('pauses a chat after a 429 for retry_after', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({
      perChatPerSecond: 1,
      perChatBurst: 3,
      globalPerSecond: 30,
      globalBurst: 30,
      ...clock,
    });
    limiter.pause('a', 7000);
    const [t] = await sendTimes(limiter, clock, ['a']);
    expect(t).toBe(7000);
    expect(limiter.delayFor('b')).toBe(0);
  });

  it('forgets idle chats', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({
      perChatPerSecond: 1,
      perChatBurst: 3,
      globalPerSecond: 30,
      globalBurst: 30,
      ...clock,
    });
    await sendTimes(limiter, clock, ['a', 'b', 'c']);
    expect(limiter.trackedChats).toBe(3);
    await clock.sleep(120_000);
    limiter.sweep();
    expect(limiter.trackedChats).toBe(0);
  });
});

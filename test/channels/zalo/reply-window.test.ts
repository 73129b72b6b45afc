// Zalo's reply window as a policy: 8 free messages within 48 hours of the resident's last message, then paid
// "proactive" messages Zalo may refuse, and nothing at all after 7 days (-230).
import { describe, expect, it } from 'vitest';
import { replyWindow } from '../../../src/channels/zalo/index.js';

const wrote = new Date('2026-12-01T08:00:00.000Z');
const hours = (h: number) => new Date(wrote.getTime() + h * 3600 * 1000);

describe('replyWindow', () => {
  it('is free for 8 messages within 48 hours of the resident’s last message', () => {
    expect(replyWindow({ lastInboundAt: wrote, repliesSinceInbound: 0, now: hours(1) })).toEqual({
      state: 'free',
      remaining: 8,
      until: hours(48),
    });
    expect(replyWindow({ lastInboundAt: wrote, repliesSinceInbound: 7, now: hours(47.9) })).toMatchObject({
      state: 'free',
      remaining: 1,
    });
  });

  it('goes beyond the free replies at the 9th message, or after 48 hours, until 7 days have passed', () => {
    expect(replyWindow({ lastInboundAt: wrote, repliesSinceInbound: 8, now: hours(2) })).toEqual({
      state: 'beyond-free',
      reason: 'quota',
      closesAt: hours(168),
    });
    expect(replyWindow({ lastInboundAt: wrote, repliesSinceInbound: 0, now: hours(48) })).toEqual({
      state: 'beyond-free',
      reason: 'expired',
      closesAt: hours(168),
    });
    expect(replyWindow({ lastInboundAt: wrote, repliesSinceInbound: 3, now: hours(167.9) })).toMatchObject({
      state: 'beyond-free',
      reason: 'expired',
    });
  });

  it('is closed after 7 days without a message, and for a resident who never wrote', () => {
    expect(replyWindow({ lastInboundAt: wrote, repliesSinceInbound: 0, now: hours(168) })).toEqual({ state: 'closed' });
    expect(replyWindow({ lastInboundAt: undefined, repliesSinceInbound: 0, now: hours(1) })).toEqual({
      state: 'closed',
    });
  });
});

// Tracking codes cannot be enumerated: wrong codes count per chat user, per client address and over everyone, and
// the ticket buttons answer someone else's code exactly as an unknown one, counting it as a wrong code.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DialogueContext } from '../../src/conversation/index.js';
import {
  answerTicket,
  createTicket,
  createTicketActionHandler,
  LOOKUP_MAX_WRONG,
  LOOKUP_MAX_WRONG_OVERALL,
  LOOKUP_MAX_WRONG_PER_ADDRESS,
  lookupTicket,
} from '../../src/tickets/index.js';
import { generateTrackingCode } from '../../src/tickets/tracking-code.js';
import { CONSENT, createTicketTestEnv, OFFICER, PERSON, type TicketTestEnv } from './helpers.js';

const OWNER = { channel: 'web', channelUserId: 'owner-session' };

describe('guessing tracking codes', () => {
  let env: TicketTestEnv;
  beforeEach(async () => {
    env = await createTicketTestEnv();
  });
  afterEach(async () => {
    await env.close();
  });

  const file = async () =>
    (
      await createTicket(env.deps, {
        kind: 'petition',
        category: 'giao-thong',
        commune: 'duc-xuan',
        description: 'Đèn đường xóm tôi hỏng cả tháng nay',
        resident: OWNER,
        personal: PERSON,
        consent: CONSENT,
        attachments: [],
      })
    ).ticket;

  /** A valid-looking code (right check symbol) that belongs to no ticket: its random part spells `n`. */
  const unknownCode = (n: number) => {
    let rest = n;
    return generateTrackingCode('petition', env.clock.now(), (max) => {
      const digit = rest % max;
      rest = Math.floor(rest / max);
      return digit;
    });
  };

  it('counts wrong codes per client address, so a new chat session per request does not reset them', async () => {
    const ticket = await file();
    // a probe opening a new web session for every request, all from one address
    for (let i = 0; i < LOOKUP_MAX_WRONG_PER_ADDRESS; i++) {
      const requester = { channel: 'web', channelUserId: `probe-${i}`, clientAddress: '198.51.100.7' };
      await expect(lookupTicket(env.deps, { code: unknownCode(i), requester })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    }
    const next = { channel: 'web', channelUserId: 'probe-next', clientAddress: '198.51.100.7' };
    await expect(lookupTicket(env.deps, { code: ticket.code, requester: next })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    // another address, and the owner, still look up
    const elsewhere = { channel: 'web', channelUserId: 'x', clientAddress: '203.0.113.9' };
    expect((await lookupTicket(env.deps, { code: ticket.code, requester: elsewhere })).view.code).toBe(ticket.code);
    env.clock.advance(16 * 60_000);
    expect((await lookupTicket(env.deps, { code: ticket.code, requester: next })).view.code).toBe(ticket.code);
  });

  it('stops all lookups for a while once everyone together has typed too many wrong codes', async () => {
    const ticket = await file();
    for (let i = 0; i < LOOKUP_MAX_WRONG_OVERALL; i++) {
      // a different address and user each time: no per-user or per-address limit is reached
      const requester = { channel: 'web', channelUserId: `u${i}`, clientAddress: `10.1.${i >> 8}.${i & 255}` };
      await lookupTicket(env.deps, { code: unknownCode(i), requester }).catch(() => undefined);
    }
    const error = await lookupTicket(env.deps, { code: ticket.code, requester: OWNER }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RATE_LIMITED' });
    expect((error as { userMessage: string }).userMessage).toContain('tạm dừng');
    env.clock.advance(16 * 60_000);
    expect((await lookupTicket(env.deps, { code: ticket.code, requester: OWNER })).view.code).toBe(ticket.code);
  });

  it("answers a button press on someone else's ticket exactly as on an unknown code, and counts it", async () => {
    const ticket = await file();
    await answerTicket(env.deps, { code: ticket.code, actor: OFFICER, answer: 'Đã sửa đèn đường.' });
    const handler = createTicketActionHandler(env.deps);
    const press = async (action: string, who: { channel: 'web'; channelUserId: string; clientAddress?: string }) => {
      const ctx = { resident: { id: 0, ...who }, now: env.clock.now() } as unknown as DialogueContext;
      const transition = await handler.handle({ args: action.split(':').slice(1), ctx });
      expect(transition.type).toBe('end');
      const said = transition.type === 'end' ? transition.say?.[0] : undefined;
      return typeof said === 'string' ? said : (said?.text ?? '');
    };
    const prober = { channel: 'web' as const, channelUserId: 'prober', clientAddress: '192.0.2.1' };
    const other = unknownCode(7);
    for (const kind of ['rate:%s:5', 'dispute:%s', 'resolved:%s', 'unresolved:%s']) {
      const onReal = await press(`tk:${kind.replace('%s', ticket.code)}`, { ...prober, channelUserId: `p-${kind}` });
      const onUnknown = await press(`tk:${kind.replace('%s', other)}`, { ...prober, channelUserId: `q-${kind}` });
      // the same words, with only the code changed: nothing tells a real ticket apart
      expect(onReal.replace(ticket.code, '<mã>')).toBe(onUnknown.replace(other, '<mã>'));
      expect(onReal).toBe(`Không tìm thấy yêu cầu có mã ${ticket.code}.`);
    }
    // the presses counted: one user who keeps pressing is refused, even on its own ticket's code
    for (let i = 0; i < LOOKUP_MAX_WRONG; i++) await press(`tk:rate:${unknownCode(100 + i)}:5`, prober);
    expect(await press(`tk:rate:${ticket.code}:5`, prober)).toContain('nhập sai mã nhiều lần');
    // the owner is not affected by the prober
    expect(await press(`tk:rate:${ticket.code}:5`, { channel: 'web', channelUserId: OWNER.channelUserId })).toContain(
      'Cảm ơn',
    );
  });
});

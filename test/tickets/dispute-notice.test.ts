// A dispute reaches its officer (no officer chat yet): `tickets list --disputed`, the flag and date in the list, the
// dispute with its time and the resident's reason in `tickets show`; the reason is personal data, erased on request.
// Use cases on a real embedded database.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  answerTicket,
  createTicket,
  disputeTicket,
  eraseResidentPersonalData,
  listTickets,
  showTicket,
} from '../../src/tickets/index.js';
import { CONSENT, createTicketTestEnv, INSPECTOR, OFFICER, PERSON, type TicketTestEnv } from './helpers.js';

const ALICE = { channel: 'telegram', channelUserId: '4001' };
const BOB = { channel: 'telegram', channelUserId: '4002' };
const REASON = 'Ổ gà vẫn còn, nhà tôi số 12 ngõ 3 vẫn bị ngập';

describe('a dispute notifies its officer', () => {
  let env: TicketTestEnv;
  beforeEach(async () => {
    env = await createTicketTestEnv('2026-03-02T02:00:00.000Z'); // Monday 2 March 2026, 09:00 in Việt Nam
  });
  afterEach(async () => {
    await env.close();
  });

  /** An answered petition of `resident`. */
  async function answered(resident = ALICE, kind: 'petition' | 'denunciation' = 'petition'): Promise<string> {
    const { ticket } = await createTicket(env.deps, {
      kind,
      category: 'giao-thong',
      commune: 'duc-xuan',
      description: 'Ổ gà lớn trên đường Trường Chinh gây ngập',
      personal: PERSON,
      consent: CONSENT,
      resident,
    });
    await answerTicket(env.deps, { code: ticket.code, answer: 'Đã vá ổ gà.', actor: INSPECTOR });
    env.clock.advance(3_600_000);
    return ticket.code;
  }

  it('lists disputed tickets until they are answered again, and shows when and why', async () => {
    const disputed = await answered();
    const quiet = await answered(BOB);
    env.clock.set('2026-03-05T03:15:00.000Z'); // 10:15 on 5 March in Việt Nam
    await disputeTicket(env.deps, { code: disputed, resident: ALICE, reason: `  ${REASON}  ` });

    expect((await listTickets(env.deps, { actor: OFFICER, disputed: true })).map((t) => t.code)).toEqual([disputed]);
    const all = await listTickets(env.deps, { actor: OFFICER });
    expect(all.find((t) => t.code === disputed)).toMatchObject({
      isDisputed: true,
      disputedAt: new Date('2026-03-05T03:15:00.000Z'),
    });
    expect(all.find((t) => t.code === quiet)).toMatchObject({ isDisputed: false, disputedAt: null });

    const shown = await showTicket(env.deps, { code: disputed, actor: OFFICER });
    expect(shown.dispute).toEqual({ at: new Date('2026-03-05T03:15:00.000Z'), isOpen: true, reason: REASON });
    // reading the resident's words is reading their personal data: recorded
    const viewed = (await env.audit.listAuditFor('ticket', disputed)).filter((a) => a.action === 'personal.viewed');
    expect(viewed.at(-1)?.after).toMatchObject({ fields: expect.arrayContaining(['disputeReason']) });
    // the audit trail, which is never erased, knows a reason was given but not its words
    const trail = JSON.stringify(await env.audit.listAuditFor('ticket', disputed));
    expect(trail).toContain('"residentGaveReason":true');
    expect(trail).not.toContain('Ổ gà vẫn còn');

    env.clock.advance(3_600_000);
    await answerTicket(env.deps, { code: disputed, answer: 'Đã thông cống thoát nước.', actor: OFFICER });
    expect(await listTickets(env.deps, { actor: OFFICER, disputed: true })).toEqual([]);
    expect((await showTicket(env.deps, { code: disputed, actor: OFFICER })).dispute).toMatchObject({
      isOpen: false,
      reason: REASON,
    });
  });

  it('a later dispute without a reason does not carry the earlier reason', async () => {
    const code = await answered();
    await disputeTicket(env.deps, { code, resident: ALICE, reason: REASON });
    env.clock.advance(3_600_000);
    await answerTicket(env.deps, { code, answer: 'Đã xử lý lại.', actor: OFFICER });
    env.clock.advance(3_600_000);
    await disputeTicket(env.deps, { code, resident: ALICE });
    expect((await showTicket(env.deps, { code, actor: OFFICER })).dispute).toMatchObject({
      isOpen: true,
      reason: null,
    });
  });

  it("hides a denouncer's reason from officers, like the rest of their words", async () => {
    const code = await answered(ALICE, 'denunciation');
    await disputeTicket(env.deps, { code, resident: ALICE, reason: REASON });
    expect((await showTicket(env.deps, { code, actor: OFFICER })).dispute?.reason).toBe('[danh tính được bảo vệ]');
    expect((await showTicket(env.deps, { code, actor: INSPECTOR })).dispute?.reason).toBe(REASON);
  });

  it("erases the resident's reason with the rest of their personal data", async () => {
    const code = await answered();
    await disputeTicket(env.deps, { code, resident: ALICE, reason: REASON });
    await eraseResidentPersonalData(env.deps, { resident: ALICE });
    const shown = await showTicket(env.deps, { code, actor: OFFICER });
    expect(shown.dispute).toMatchObject({ isOpen: true, reason: null }); // the fact of the dispute stays
    expect(JSON.stringify(await env.db.prisma.ticketPersonal.findMany())).not.toContain('Ổ gà vẫn còn');
  });
});

// A dispute typed instead of pressed ("chưa được giải quyết", with or without the code), on the real conversation
// engine and tickets use cases over a real PGlite: a confirmation first, the resident's own tickets only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerTicket,
  createTicket,
  generateTrackingCode,
  giveDisputeReason,
  LOOKUP_MAX_WRONG,
  showTicket,
} from '../../src/tickets/index.js';
import { CONSENT, OFFICER, PERSON } from './helpers.js';
import { createIntakeHarness, type IntakeHarness } from './intake-harness.js';

let h: IntakeHarness;
beforeAll(async () => {
  h = await createIntakeHarness('2026-11-25T01:00:00.000Z'); // Wednesday 25/11/2026, 08:00 in Việt Nam
});
afterAll(async () => h?.close());

let nextUser = 7000;
const newResident = () => h.resident(String(nextUser++));

const ANSWER = 'UBND phường đã cho sửa đoạn đường tổ 5.';
const DESCRIPTION = 'Đường tổ 5 bị sụt lún sâu, nhà ông Nguyễn Văn An bị nứt tường';

/** A petition of `user`, filed at the harness clock; answered by an officer when `answered`. */
async function ticketOf(user: string, options: { answered: boolean }): Promise<string> {
  const { ticket } = await createTicket(h.deps, {
    kind: 'petition',
    category: 'giao-thong',
    commune: 'duc-xuan',
    description: DESCRIPTION,
    personal: PERSON,
    consent: CONSENT,
    resident: { channel: 'telegram', channelUserId: user },
  });
  if (options.answered) await answerTicket(h.deps, { code: ticket.code, answer: ANSWER, actor: OFFICER });
  return ticket.code;
}

async function ticketRow(code: string) {
  return h.db.prisma.ticket.findUniqueOrThrow({ where: { code } });
}

describe('a dispute typed in the chat', () => {
  it('without the code: confirms the answered ticket by its code, and the button reopens it', async () => {
    h.clock.set('2026-11-25T01:00:00.000Z');
    const r = newResident();
    const code = await ticketOf(r.user, { answered: true });
    h.clock.set('2026-12-01T03:00:00.000Z'); // six days after the answer

    await r.send('van de cua toi van chua duoc giai quyet');
    expect(r.text).toContain(`Bạn muốn đề nghị xem xét lại yêu cầu ${code}`);
    expect(r.button('Đề nghị xem xét lại')).toBe(`tk:dispute:${code}`);
    expect(r.labels()).toContain('Không');
    // asking is not disputing
    expect(await ticketRow(code)).toMatchObject({ status: 'answered', disputedAt: null });

    await r.press('Đề nghị xem xét lại');
    expect(r.text).toContain(`Đã mở lại yêu cầu ${code}`);
    const after = await ticketRow(code);
    expect(after).toMatchObject({ status: 'in_progress', residentResolved: false });
    expect(after.disputedAt).not.toBeNull();
    const audit = await h.audit.listAuditFor('ticket', code);
    expect(audit.at(-1)).toMatchObject({
      action: 'ticket.disputed',
      actor: expect.stringMatching(/^resident:resident#\d+$/),
      before: { status: 'answered' },
      after: { status: 'in_progress' },
    });

    // typed again once reopened: said so, nothing offered, nothing changed
    const audits = audit.length;
    await r.send(`${code} chưa được giải quyết`);
    expect(r.text).toContain(`Yêu cầu ${code} đã được mở lại theo đề nghị của bạn`);
    expect(r.labels()).not.toContain('Đề nghị xem xét lại');
    expect((await h.audit.listAuditFor('ticket', code)).length).toBe(audits);
  });

  it('with the code, diacritics or not: confirms that ticket; "Không" leaves it as answered', async () => {
    h.clock.set('2026-11-25T01:00:00.000Z');
    const r = newResident();
    const code = await ticketOf(r.user, { answered: true });

    await r.send(`ma ${code.toLowerCase()} van chua duoc giai quyet`);
    expect(r.text).toContain(`yêu cầu ${code}`);
    expect(r.button('Đề nghị xem xét lại')).toBe(`tk:dispute:${code}`);
    await r.press('Không');
    expect(r.text).toContain(`Vâng, yêu cầu ${code} không được mở lại`);
    expect(await ticketRow(code)).toMatchObject({ status: 'answered', disputedAt: null });

    await r.send(`Tôi đề nghị xem xét lại yêu cầu ${code}`);
    expect(r.button('Đề nghị xem xét lại')).toBe(`tk:dispute:${code}`);
  });

  it("refuses someone else's code exactly like an unknown one, without a word of their ticket", async () => {
    h.clock.set('2026-11-25T01:00:00.000Z');
    const owner = newResident();
    const code = await ticketOf(owner.user, { answered: true });
    const stranger = newResident();

    await stranger.send(`${code} chưa được giải quyết`);
    const refusal = stranger.text;
    expect(refusal).toContain(`Không tìm thấy yêu cầu ${code} trong các yêu cầu bạn đã gửi`);
    for (const secret of [ANSWER, 'sụt lún', 'Nguyễn Văn An', PERSON.phone, 'Phản ánh', 'Đã trả lời', 'Giao thông'])
      expect(refusal).not.toContain(secret);
    expect(stranger.labels()).toEqual([]);
    expect(await ticketRow(code)).toMatchObject({ status: 'answered', disputedAt: null });

    // an unknown (well-formed) code reads the same, code aside
    const unknown = generateTrackingCode('petition', h.clock.now(), () => 7);
    await stranger.send(`${unknown} chưa được giải quyết`);
    expect(stranger.text.replace(unknown, 'X')).toBe(refusal.replace(code, 'X'));

    // and the owner's own dispute still works
    await owner.send(`${code} chưa được giải quyết`);
    expect(owner.button('Đề nghị xem xét lại')).toBe(`tk:dispute:${code}`);
  });

  it("counts someone else's codes against the wrong-code limit that lookups have", async () => {
    h.clock.set('2026-11-25T01:00:00.000Z');
    const owner = newResident();
    const code = await ticketOf(owner.user, { answered: true });
    const prober = newResident();
    for (let i = 0; i < LOOKUP_MAX_WRONG; i++) await prober.send(`${code} chưa được giải quyết`);
    await prober.send(`${code} chưa được giải quyết`);
    expect(prober.text).toContain('quá nhiều mã không đúng');
    await prober.send(code);
    expect(prober.text).toContain('quá nhiều mã không đúng');
  });

  it('with no answered ticket: says there is nothing to reconsider and how to look one up or file anew', async () => {
    h.clock.set('2026-11-25T01:00:00.000Z');
    const r = newResident();
    await r.send('Không đồng ý với câu trả lời');
    expect(r.text).toContain('Bạn chưa có yêu cầu nào đã được trả lời trong vòng 30 ngày qua');
    expect(r.text).toContain('mã tra cứu');
    expect(r.text).toContain('/phananh');
    expect(r.labels()).toEqual(['Tra cứu mã phản ánh', 'Gửi phản ánh, kiến nghị']);

    // a ticket still being handled is not offered; typed with its code, its status is shown instead
    const pending = await ticketOf(r.user, { answered: false });
    await r.send('chua giai quyet xong');
    expect(r.text).toContain('Bạn chưa có yêu cầu nào đã được trả lời');
    await r.send(`${pending} vẫn chưa được giải quyết`);
    expect(r.text).toContain(`Yêu cầu ${pending} chưa có câu trả lời nên chưa thể đề nghị xem xét lại`);
    expect(r.text).toContain('Tình trạng: Đã tiếp nhận');
    expect(r.labels()).not.toContain('Đề nghị xem xét lại');
  });

  it('past the dispute window: not offered, and with the code the window is named', async () => {
    h.clock.set('2026-11-25T01:00:00.000Z');
    const r = newResident();
    const code = await ticketOf(r.user, { answered: true });
    h.clock.set('2026-12-26T01:00:00.000Z'); // 31 days after the answer
    await r.send('vấn đề vẫn chưa được giải quyết');
    expect(r.text).toContain('Bạn chưa có yêu cầu nào đã được trả lời trong vòng 30 ngày qua');
    await r.send(`${code} chưa được giải quyết`);
    expect(r.text).toContain(`Đã quá 30 ngày kể từ ngày trả lời nên không thể mở lại yêu cầu ${code}`);
    expect(await ticketRow(code)).toMatchObject({ status: 'answered', disputedAt: null });
  });

  it('with several answered tickets: one button per code, and only the chosen one reopens', async () => {
    h.clock.set('2026-11-25T01:00:00.000Z');
    const r = newResident();
    const first = await ticketOf(r.user, { answered: true });
    h.clock.set('2026-11-26T01:00:00.000Z');
    const second = await ticketOf(r.user, { answered: true });
    await ticketOf(r.user, { answered: false });

    await r.send('Tôi không hài lòng với kết quả giải quyết');
    expect(r.text).toContain('Bạn có 2 yêu cầu đã được trả lời');
    expect(r.labels()).toEqual([`Xem xét lại ${second}`, `Xem xét lại ${first}`, 'Không']);
    await r.press(`Xem xét lại ${first}`);
    expect(r.text).toContain(`Đã mở lại yêu cầu ${first}`);
    expect(await ticketRow(first)).toMatchObject({ status: 'in_progress' });
    expect(await ticketRow(second)).toMatchObject({ status: 'answered', disputedAt: null });
  });

  it('after reopening, asks what is still wrong: the words reach the officer, the audit only that a reason was given', async () => {
    h.clock.set('2026-11-25T01:00:00.000Z');
    const r = newResident();
    const code = await ticketOf(r.user, { answered: true });
    h.clock.set('2026-11-27T01:00:00.000Z');
    await r.send('vẫn chưa được giải quyết');
    await r.press('Đề nghị xem xét lại');
    expect(r.text).toContain(`Đã mở lại yêu cầu ${code}`);
    expect(r.text).toContain('điều gì vẫn chưa được giải quyết');
    expect(r.labels()).toContain('Bỏ qua');
    // a question is a reason here, not a new question to the knowledge base
    const REASON = 'Sao đường tổ 5 vẫn sụt, chưa ai đến sửa?';
    await r.send(REASON);
    expect(r.text).toContain(`Đã chuyển lý do tới cán bộ phụ trách yêu cầu ${code}`);
    const shown = await showTicket(h.deps, { code, actor: OFFICER });
    expect(shown.dispute).toMatchObject({ isOpen: true, reason: REASON });
    const audit = await h.audit.listAuditFor('ticket', code);
    const given = audit.find((a) => a.action === 'ticket.dispute_reason');
    expect(given?.after).toMatchObject({ residentGaveReason: true });
    expect(JSON.stringify(audit)).not.toContain('chưa ai đến sửa');
    // the same words again (a redone step): recorded once
    await giveDisputeReason(h.deps, { code, resident: { channel: 'telegram', channelUserId: r.user }, reason: REASON });
    const reasons = (await h.audit.listAuditFor('ticket', code)).filter((a) => a.action === 'ticket.dispute_reason');
    expect(reasons).toHaveLength(1);
  });

  it('the reason is optional, and a reason sent after a new answer is not taken for one about it', async () => {
    h.clock.set('2026-11-25T01:00:00.000Z');
    const skipper = newResident();
    const skipped = await ticketOf(skipper.user, { answered: true });
    await skipper.send(`${skipped} chưa được giải quyết`);
    await skipper.press('Đề nghị xem xét lại');
    await skipper.press('Bỏ qua');
    expect(skipper.text).toContain(`Cán bộ phụ trách sẽ xem xét lại yêu cầu ${skipped}`);
    expect((await showTicket(h.deps, { code: skipped, actor: OFFICER })).dispute).toMatchObject({ reason: null });

    const late = newResident();
    const code = await ticketOf(late.user, { answered: true });
    h.clock.set('2026-11-27T01:00:00.000Z');
    await late.send(`${code} chưa được giải quyết`);
    await late.press('Đề nghị xem xét lại');
    h.clock.set('2026-11-28T01:00:00.000Z');
    await answerTicket(h.deps, { code, answer: 'Đã sửa xong đoạn đường.', actor: OFFICER });
    await late.send('Đường vẫn sụt');
    expect(late.text).toContain(`Yêu cầu ${code} không còn chờ xem xét lại`);
    expect((await showTicket(h.deps, { code, actor: OFFICER })).dispute).toMatchObject({ reason: null });
  });

  it('offers at most five tickets', async () => {
    h.clock.set('2026-11-25T01:00:00.000Z');
    const r = newResident();
    for (let i = 0; i < 6; i++) await ticketOf(r.user, { answered: true });
    await r.send('de nghi xem xet lai');
    expect(r.labels().filter((l) => l.startsWith('Xem xét lại'))).toHaveLength(5);
  });
});

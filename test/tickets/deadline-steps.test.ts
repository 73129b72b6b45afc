// The deadline steps on a real embedded database: a denunciation's acceptance (7 working days, 10 with a recorded
// reason), forwarding and the notice to the denouncer; its complex-case extension; the rules of the day of receipt
// across the 1/7/2026 amendment; each date under its own label in one order on the receipt, the lookup and
// `tickets show`; the second-complaint window when a complaint's answer is disputed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acceptTicket,
  answerTicket,
  createTicket,
  createTicketDesk,
  disputeTicket,
  exportTickets,
  extendTicketDeadline,
  lookupTicket,
  showTicket,
} from '../../src/tickets/index.js';
import { CONSENT, createTicketTestEnv, INSPECTOR, OFFICER, PERSON, type TicketTestEnv } from './helpers.js';

const ALICE = { channel: 'telegram' as const, channelUserId: '3001' };
const DENOUNCER = { fullName: 'Lý Văn Sài', address: 'Thôn Nà Làng, xã Bản Thi', phone: '0987654321' };

/** 09:00 in Việt Nam on a day. */
const at9 = (day: string) => `${day}T02:00:00.000Z`;

describe('deadline steps', () => {
  let env: TicketTestEnv;
  afterEach(async () => {
    await env.close();
  });

  describe('a denunciation', () => {
    beforeEach(async () => {
      env = await createTicketTestEnv(at9('2026-04-28')); // Tuesday, before 30/4–1/5
    });

    const denounce = () =>
      createTicket(env.deps, {
        kind: 'denunciation',
        category: 'thai-do-can-bo',
        description: 'Tố cáo cán bộ địa chính nhận tiền để làm nhanh hồ sơ',
        personal: DENOUNCER,
        consent: CONSENT,
        resident: ALICE,
      });

    it('is forwarded within 5 and accepted within 7 working days; a recorded reason lengthens acceptance to 10', async () => {
      const { ticket } = await denounce();
      // 29/4, then 30/4 and 1/5 off: 4, 5, 6, 7/5 → forward by 7/5; acceptance by 11/5
      expect(ticket.forwardBy?.toISOString()).toBe('2026-05-07T16:59:59.999Z');
      expect(ticket.acknowledgeBy.toISOString()).toBe('2026-05-11T16:59:59.999Z');
      const receipt = (await env.store.listOutboxForTicket(ticket.id))[0]?.payload.text ?? '';
      expect(receipt).toContain('Hạn chuyển đơn tố cáo không thuộc thẩm quyền: 07/05/2026');
      expect(receipt).toContain('Hạn thụ lý tố cáo: 11/05/2026');

      await expect(
        extendTicketDeadline(env.deps, { code: ticket.code, actor: OFFICER, reason: 'Cần xác minh ở hai xã' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const extended = await extendTicketDeadline(env.deps, {
        code: ticket.code,
        actor: INSPECTOR,
        reason: 'Cần xác minh ở hai xã',
      });
      expect(extended.acknowledgeBy.toISOString()).toBe('2026-05-14T16:59:59.999Z');
      expect(extended.acknowledgeExtensionReason).toBe('Cần xác minh ở hai xã');
      await expect(
        extendTicketDeadline(env.deps, { code: ticket.code, actor: INSPECTOR, reason: 'lần nữa' }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('tells the denouncer of the acceptance within 5 working days, recorded for reports', async () => {
      const { ticket } = await denounce();
      env.clock.set(at9('2026-05-05'));
      const accepted = await acceptTicket(env.deps, { code: ticket.code, actor: INSPECTOR });
      expect(accepted.notifyBy?.toISOString()).toBe('2026-05-12T16:59:59.999Z');
      expect(accepted.notifiedAt?.toISOString()).toBe('2026-05-05T02:00:00.000Z');
      expect(accepted.dueAt?.toISOString()).toBe('2026-06-04T16:59:59.999Z'); // 30 days
      const notice = (await env.store.listOutboxForTicket(ticket.id)).at(-1)?.payload.text ?? '';
      expect(notice).toContain('thông báo việc thụ lý tố cáo');
      expect(notice).toContain('Hạn giải quyết tố cáo: 04/06/2026');

      const csv = (await exportTickets(env.deps, { actor: INSPECTOR })).csv.split('\n');
      const header = csv[0]?.split(',') ?? [];
      const row = csv.find((l) => l.startsWith(ticket.code))?.split(',') ?? [];
      const cell = (name: string) => row[header.indexOf(name)];
      expect([cell('notify_by'), cell('notified_date'), cell('notify_met')]).toEqual([
        '2026-05-12',
        '2026-05-05',
        'true',
      ]);
      expect(cell('forward_by')).toBe('2026-05-07');
    });

    it('is extended only as a complex case, and the decision is recorded as going to the accused too', async () => {
      const { ticket } = await denounce();
      env.clock.set(at9('2026-05-05'));
      await acceptTicket(env.deps, { code: ticket.code, actor: INSPECTOR });
      const once = await extendTicketDeadline(env.deps, {
        code: ticket.code,
        actor: INSPECTOR,
        reason: 'Nhiều nội dung cần xác minh',
      });
      expect(once.isComplex).toBe(true);
      expect(once.extensions).toBe(1);
      expect(once.dueAt?.toISOString()).toBe('2026-07-06T16:59:59.999Z'); // 60 days: Saturday 4/7 → Monday 6/7
      const audit = (await env.audit.listAuditFor('ticket', ticket.code)).at(-1);
      expect(audit).toMatchObject({ action: 'ticket.extended', after: { complex: true, rule: 'to-cao-gia-han' } });
      expect(audit?.after).toMatchObject({ decisionRecipients: expect.arrayContaining(['người bị tố cáo']) });
      await expect(
        extendTicketDeadline(env.deps, { code: ticket.code, actor: INSPECTOR, reason: 'thêm' }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      const twice = await extendTicketDeadline(env.deps, {
        code: ticket.code,
        actor: INSPECTOR,
        reason: 'Đặc biệt phức tạp',
        especiallyComplex: true,
      });
      expect(twice.dueAt?.toISOString()).toBe('2026-08-03T16:59:59.999Z'); // 90 days
    });
  });

  describe('the 1/7/2026 amendment', () => {
    it('keeps the old acceptance period for a complaint received the day before, the new one from that day', async () => {
      env = await createTicketTestEnv(at9('2026-06-30'));
      const file = () =>
        createTicket(env.deps, {
          kind: 'complaint',
          category: 'dat-dai',
          commune: 'duc-xuan',
          description: 'Khiếu nại quyết định thu hồi đất',
          personal: PERSON,
          consent: CONSENT,
          resident: ALICE,
        });
      const before = (await file()).ticket;
      env.clock.set(at9('2026-07-01'));
      const after = (await file()).ticket;
      expect(before.acknowledgeBy.toISOString()).toBe('2026-07-14T16:59:59.999Z'); // 10 working days
      expect(after.acknowledgeBy.toISOString()).toBe('2026-07-10T16:59:59.999Z'); // 7 working days
      const shown = await showTicket(env.deps, { code: after.code, actor: OFFICER });
      const acceptance = shown.deadlines.find((d) => d.step === 'acknowledge');
      expect(acceptance?.verify).toContain('Cần đối chiếu');
      expect(acceptance?.basis).toContain('155/2026');
      const old = await showTicket(env.deps, { code: before.code, actor: OFFICER });
      expect(old.deadlines.find((d) => d.step === 'acknowledge')).toMatchObject({
        verify: undefined,
        basis: expect.stringContaining('Luật Khiếu nại 2011, Điều 27'),
      });
    });
  });

  describe('labels', () => {
    it('gives each date its own label, in the same order on the receipt, the lookup and tickets show', async () => {
      env = await createTicketTestEnv(at9('2026-03-02'));
      const { ticket } = await createTicket(env.deps, {
        kind: 'complaint',
        category: 'dat-dai',
        commune: 'duc-xuan',
        description: 'Khiếu nại việc cấp giấy chứng nhận',
        personal: PERSON,
        consent: CONSENT,
        resident: ALICE,
      });
      env.clock.set(at9('2026-03-04'));
      await acceptTicket(env.deps, { code: ticket.code, actor: OFFICER });
      const dateLines = (text: string) => text.split('\n').filter((l) => /^(Ngày tiếp nhận|Hạn )/.test(l));
      const receipt = (await env.store.listOutboxForTicket(ticket.id))[0]?.payload.text ?? '';
      expect(dateLines(receipt)).toEqual(['Ngày tiếp nhận: 02/03/2026', 'Hạn thụ lý khiếu nại: 16/03/2026']);
      const lookup = await lookupTicket(env.deps, { code: ticket.code, requester: { key: 'test' } });
      // the answer deadline under its own label, never as "Hạn thông báo thụ lý"
      expect(dateLines(lookup.text)).toEqual([
        'Ngày tiếp nhận: 02/03/2026',
        'Hạn thụ lý khiếu nại: 16/03/2026 (đã thực hiện ngày 04/03/2026)',
        'Hạn giải quyết khiếu nại: 03/04/2026',
      ]);
      expect(lookup.text).not.toContain('Hạn thông báo thụ lý');
      const shown = await showTicket(env.deps, { code: ticket.code, actor: OFFICER });
      expect(shown.deadlines.map((d) => d.label)).toEqual(['Hạn thụ lý khiếu nại', 'Hạn giải quyết khiếu nại']);
      expect(shown.deadlines.map((d) => d.basis)).toEqual([
        expect.stringContaining('Luật Khiếu nại 2011, Điều 27'),
        'Luật Khiếu nại 2011, Điều 28',
      ]);
    });

    it("labels a petition's answer deadline as the province's commitment, never as a legal limit", async () => {
      env = await createTicketTestEnv(at9('2026-01-05'));
      const { ticket } = await createTicket(env.deps, {
        kind: 'petition',
        category: 'giao-thong',
        commune: 'duc-xuan',
        description: 'Đèn đường hỏng',
        personal: PERSON,
        consent: CONSENT,
        resident: ALICE,
      });
      // 5 working days: 6, 7, 8, 9 and the worked Saturday 10/1
      expect(ticket.dueAt?.toISOString()).toBe('2026-01-10T16:59:59.999Z');
      const lookup = await lookupTicket(env.deps, { code: ticket.code, requester: { key: 'test' } });
      expect(lookup.text).toContain('Hạn thông báo kết quả tiếp nhận: 16/01/2026');
      expect(lookup.text).toContain('Hạn trả lời (cam kết của tỉnh): 10/01/2026');
      const shown = await showTicket(env.deps, { code: ticket.code, actor: OFFICER });
      expect(shown.deadlines.find((d) => d.step === 'settle')).toMatchObject({ commitment: true });
    });
  });

  describe('disputing a complaint answer: the second-complaint window (Law on Complaints 2011, Art. 33)', () => {
    const answeredComplaint = async (commune: string) => {
      env = await createTicketTestEnv(at9('2026-03-02'));
      const { ticket } = await createTicket(env.deps, {
        kind: 'complaint',
        category: 'dat-dai',
        commune,
        description: 'Khiếu nại quyết định xử phạt',
        personal: PERSON,
        consent: CONSENT,
        resident: ALICE,
      });
      await acceptTicket(env.deps, { code: ticket.code, actor: OFFICER });
      env.clock.set(at9('2026-03-10'));
      await answerTicket(env.deps, { code: ticket.code, answer: 'Giữ nguyên quyết định.', actor: OFFICER });
      return ticket.code;
    };

    it('explains the window when the resident is offered the dispute and after reopening', async () => {
      const code = await answeredComplaint('duc-xuan');
      env.clock.set('2026-04-09T10:00:00.000Z'); // 17:00 on the last day: 10/3 + 30 = 9/4
      const offer = await createTicketDesk(env.deps).offerDispute({ residentId: 0, ...ALICE });
      expect(offer).toMatchObject({ kind: 'reply' });
      const offerText = offer.kind === 'reply' ? offer.text : '';
      expect(offerText).toContain('Luật Khiếu nại 2011, Điều 33');
      expect(offerText).toContain('trong 30 ngày');
      expect(offerText).toContain('09/04/2026');
      const disputed = await disputeTicket(env.deps, { code, resident: ALICE });
      expect(disputed.ticket.isSecondTime).toBe(true);
      expect(disputed.reply.text).toContain('khiếu nại lần hai');
      expect(disputed.reply.text).toContain('09/04/2026');
    });

    it('refuses after the window, saying which window and when it ended', async () => {
      const code = await answeredComplaint('duc-xuan');
      env.clock.set(at9('2026-04-10'));
      await expect(disputeTicket(env.deps, { code, resident: ALICE })).rejects.toMatchObject({
        code: 'CONFLICT',
        userMessage: expect.stringMatching(/Đã quá thời hạn khiếu nại lần hai.*09\/04\/2026.*Điều 33/),
      });
    });

    it('gives a remote commune 45 days, longer than the desk window of 30', async () => {
      // an old Pác Nặm commune: today's Xã Bộc Bố is a remote area
      const code = await answeredComplaint('boc-bo');
      env.clock.set(at9('2026-04-20')); // 41 days after the answer: 10/3 + 45 = Friday 24/4
      const disputed = await disputeTicket(env.deps, { code, resident: ALICE });
      expect(disputed.reply.text).toContain('trong 45 ngày (vùng sâu, vùng xa)');
      expect(disputed.reply.text).toContain('24/04/2026');
    });
  });
});

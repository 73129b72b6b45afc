// Ticket lifecycle through the use cases on a real embedded database: deadlines, answers, disputes, privacy.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acceptTicket,
  answerTicket,
  assignTicket,
  changeTicketStatus,
  createTicket,
  createTicketDesk,
  disputeTicket,
  exportTickets,
  extendTicketDeadline,
  listTickets,
  recordResolution,
  recordSatisfaction,
  showResidentPersonalData,
  showTicket,
  verifyAuditLog,
} from '../../src/tickets/index.js';
import { CONSENT, createTicketTestEnv, INSPECTOR, LEAD, OFFICER, PERSON, type TicketTestEnv } from './helpers.js';

const ALICE = { channel: 'telegram', channelUserId: '2001' };
const BOB = { channel: 'telegram', channelUserId: '2002' };

describe('ticket lifecycle', () => {
  let env: TicketTestEnv;
  beforeEach(async () => {
    // Monday 2 March 2026, 09:00 in Việt Nam
    env = await createTicketTestEnv('2026-03-02T02:00:00.000Z');
  });
  afterEach(async () => {
    await env.close();
  });

  // Bằng Thành: a remote area in the default settings (every old commune it was formed from was khu vực III)
  const complaint = (commune = '01864') =>
    createTicket(env.deps, {
      kind: 'complaint',
      category: 'dat-dai',
      commune,
      description: 'Khiếu nại quyết định thu hồi đất của UBND xã',
      personal: { fullName: 'Hoàng Thị Mai', address: 'Thôn Nà Coóc, xã Bằng Thành' },
      consent: CONSENT,
      resident: ALICE,
    });

  const petition = () =>
    createTicket(env.deps, {
      kind: 'petition',
      category: 'giao-thong',
      commune: 'duc-xuan',
      description: 'Ổ gà lớn trên đường Trường Chinh',
      personal: PERSON,
      consent: CONSENT,
      resident: BOB,
    });

  it('sets the legal deadlines: acknowledgement at once, a complaint answer from acceptance (remote commune)', async () => {
    const { ticket } = await complaint();
    expect(ticket.isRemoteArea).toBe(true);
    expect(ticket.acknowledgeBy.toISOString()).toBe('2026-03-16T16:59:59.999Z'); // 10 working days
    expect(ticket.dueAt).toBeNull();
    env.clock.set('2026-03-04T03:00:00Z');
    const accepted = await acceptTicket(env.deps, { code: ticket.code, actor: OFFICER });
    expect(accepted.dueAt?.toISOString()).toBe('2026-04-20T16:59:59.999Z'); // 4/3 + 45 = 18/4 (Sat) → Mon 20/4
    const complex = await extendTicketDeadline(env.deps, {
      code: ticket.code,
      actor: OFFICER,
      reason: 'Vụ việc phức tạp, cần xác minh',
    });
    expect(complex.isComplex).toBe(true);
    expect(complex.dueAt?.toISOString()).toBe('2026-05-04T16:59:59.999Z'); // +60 = 3/5 (Sun) → Mon 4/5
    await expect(
      extendTicketDeadline(env.deps, { code: ticket.code, actor: OFFICER, reason: 'lần nữa' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('gives a petition the answer deadline of its category', async () => {
    const { ticket } = await petition();
    expect(ticket.dueAt?.toISOString()).toBe('2026-03-09T16:59:59.999Z'); // 5 working days
  });

  it("gives a reopened petition its category's working days again, from the day of the dispute", async () => {
    const { ticket } = await petition();
    await answerTicket(env.deps, { code: ticket.code, answer: 'Đã vá ổ gà.', actor: OFFICER });
    env.clock.set('2026-03-12T02:00:00Z'); // Thursday 12/3, after the first deadline (9/3)
    const disputed = await disputeTicket(env.deps, { code: ticket.code, resident: BOB });
    expect(disputed.ticket.dueAt?.toISOString()).toBe('2026-03-19T16:59:59.999Z'); // 5 working days: Thu 19/3
    expect(disputed.ticket.isSecondTime).toBe(false);
  });

  it('answers, asks whether it is resolved, records the rating, and reopens on a dispute', async () => {
    const { ticket } = await complaint('duc-xuan');
    await acceptTicket(env.deps, { code: ticket.code, actor: OFFICER });
    const answered = await answerTicket(env.deps, {
      code: ticket.code,
      answer: 'UBND xã đã rà soát và điều chỉnh quyết định.',
      actor: OFFICER,
    });
    expect(answered.status).toBe('answered');
    const messages = await env.store.listOutboxForTicket(ticket.id);
    const answer = messages.at(-1);
    expect(answer?.payload.text).toContain('Vấn đề đã được giải quyết chưa?');
    expect(answer?.payload.quickReplies.map((q) => q.action)).toEqual([
      `tk:resolved:${ticket.code}`,
      `tk:unresolved:${ticket.code}`,
    ]);
    expect(messages.map((m) => m.payload.text.split('\n')[0])).toHaveLength(3); // created, accepted, answer

    // someone else's press is answered as for an unknown code: whether the ticket exists is not told
    await expect(
      recordResolution(env.deps, { code: ticket.code, resident: BOB, resolved: true }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', userMessage: `Không tìm thấy yêu cầu có mã ${ticket.code}.` });
    const resolution = await recordResolution(env.deps, { code: ticket.code, resident: ALICE, resolved: false });
    expect(resolution.reply.quickReplies.map((q) => q.action)).toContain(`tk:rate:${ticket.code}:5`);
    expect(resolution.reply.quickReplies.map((q) => q.action)).toContain(`tk:dispute:${ticket.code}`);
    const rated = await recordSatisfaction(env.deps, { code: ticket.code, resident: ALICE, stars: 2 });
    expect(rated.ticket.satisfaction).toBe(2);

    env.clock.advance(5 * 86_400_000);
    const disputed = await disputeTicket(env.deps, { code: ticket.code, resident: ALICE });
    expect(disputed.ticket.status).toBe('in_progress');
    // a disputed complaint answer is settled as a second-time complaint, its period counted from the dispute
    // (Sat 7/3 + 45 days = Tue 21/4), not left at the first deadline, which has passed
    expect(disputed.ticket.isSecondTime).toBe(true);
    expect(disputed.ticket.dueAt?.toISOString()).toBe('2026-04-21T16:59:59.999Z');
    expect(disputed.reply.text).toContain('trả lời chậm nhất ngày 21/04/2026');
    const list = await listTickets(env.deps, { actor: OFFICER });
    expect(list.find((t) => t.code === ticket.code)?.isDisputed).toBe(true);
    const audit = await env.audit.listAuditFor('ticket', ticket.code);
    expect(audit.at(-1)).toMatchObject({
      action: 'ticket.disputed',
      after: { notify: { unit: 'so-nnmt', assignee: null } },
    });
    // a repeated press changes nothing more
    await disputeTicket(env.deps, { code: ticket.code, resident: ALICE });
    expect((await env.audit.listAuditFor('ticket', ticket.code)).length).toBe(audit.length);

    await answerTicket(env.deps, { code: ticket.code, answer: 'Đã trả lại đất theo quyết định mới.', actor: OFFICER });
    expect((await listTickets(env.deps, { actor: OFFICER }))[0]?.isDisputed).toBe(false);
    await changeTicketStatus(env.deps, { code: ticket.code, to: 'closed', closeReason: 'resolved', actor: OFFICER });
    env.clock.advance(31 * 86_400_000);
    await expect(disputeTicket(env.deps, { code: ticket.code, resident: ALICE })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await verifyAuditLog({ reader: env.audit })).ok).toBe(true);
  });

  it('enforces the lifecycle and its reasons', async () => {
    const { ticket } = await complaint();
    await expect(
      changeTicketStatus(env.deps, { code: ticket.code, to: 'refused', actor: OFFICER }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(
      changeTicketStatus(env.deps, { code: ticket.code, to: 'closed', actor: OFFICER }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const forwarded = await changeTicketStatus(env.deps, {
      code: ticket.code,
      to: 'forwarded',
      reason: 'Tòa án nhân dân tỉnh',
      actor: OFFICER,
    });
    expect(forwarded.statusNote).toBe('Tòa án nhân dân tỉnh');
    await expect(
      answerTicket(env.deps, { code: ticket.code, answer: 'Trả lời sau khi đã chuyển', actor: OFFICER }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const closed = await changeTicketStatus(env.deps, {
      code: ticket.code,
      to: 'closed',
      closeReason: 'forwarded',
      actor: OFFICER,
    });
    expect(closed.closeReason).toBe('forwarded');
    await expect(
      changeTicketStatus(env.deps, { code: ticket.code, to: 'in_progress', actor: OFFICER }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      userMessage: expect.stringContaining('Không thể chuyển'),
    });
  });

  it('routes by category × commune and allows manual reassignment', async () => {
    const city = await createTicket(env.deps, {
      kind: 'petition',
      category: 'xay-dung',
      commune: '01840',
      description: 'Công trình xây dựng lấn chiếm vỉa hè',
      personal: PERSON,
      consent: CONSENT,
      resident: BOB,
    });
    const rural = await createTicket(env.deps, {
      kind: 'petition',
      category: 'xay-dung',
      commune: '01906',
      description: 'Công trình xây dựng không phép',
      personal: PERSON,
      consent: CONSENT,
      resident: BOB,
    });
    // the UBND of the abolished city handled building in town before 1/7/2025; today Sở Xây dựng everywhere
    expect(city.ticket.unitCode).toBe('so-xd');
    expect(rural.ticket.unitCode).toBe('so-xd');
    const moved = await assignTicket(env.deps, {
      code: rural.ticket.code,
      unitCode: 'thanh-tra',
      assignee: 'can.bo.d',
      actor: OFFICER,
    });
    expect(moved).toMatchObject({ unitCode: 'thanh-tra', assignee: 'can.bo.d' });
    await expect(
      assignTicket(env.deps, { code: rural.ticket.code, unitCode: 'khong-co', actor: OFFICER }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect((await listTickets(env.deps, { actor: OFFICER, unitCode: 'thanh-tra' })).map((t) => t.code)).toEqual([
      rural.ticket.code,
    ]);
  });

  it('finds overdue and due-soon tickets', async () => {
    const petition = await createTicket(env.deps, {
      kind: 'petition',
      category: 'giao-thong',
      commune: 'duc-xuan',
      description: 'Đèn tín hiệu giao thông hỏng',
      personal: PERSON,
      consent: CONSENT,
      resident: BOB,
    }); // due Monday 9/3
    const { ticket: slow } = await complaint(); // acknowledge by 16/3
    env.clock.set('2026-03-06T03:00:00Z'); // Friday: petition due within 1 working day
    expect((await listTickets(env.deps, { actor: OFFICER, dueSoon: true })).map((t) => t.code)).toEqual([
      petition.ticket.code,
    ]);
    expect(await listTickets(env.deps, { actor: OFFICER, overdue: true })).toEqual([]);
    env.clock.set('2026-03-17T03:00:00Z');
    const overdue = await listTickets(env.deps, { actor: OFFICER, overdue: true });
    expect(overdue.map((t) => t.code).sort()).toEqual([petition.ticket.code, slow.code].sort());
    expect(overdue.every((t) => t.isOverdue && (t.workingDaysLeft ?? 0) < 0)).toBe(true);
    await answerTicket(env.deps, { code: petition.ticket.code, answer: 'Đã sửa đèn tín hiệu.', actor: OFFICER });
    expect((await listTickets(env.deps, { actor: OFFICER, overdue: true })).map((t) => t.code)).toEqual([slow.code]);
  });

  it('validates names and phones and refuses anonymous petitions and denunciations', async () => {
    const base = {
      kind: 'petition' as const,
      category: 'khac',
      description: 'Nội dung phản ánh',
      consent: CONSENT,
      resident: BOB,
    };
    await expect(createTicket(env.deps, { ...base, personal: {} })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      userMessage: expect.stringContaining('họ và tên, địa chỉ, số điện thoại'),
    });
    await expect(
      createTicket(env.deps, { ...base, personal: { ...PERSON, phone: '0123456789' } }),
    ).rejects.toMatchObject({
      userMessage: expect.stringContaining('Số điện thoại chưa đúng'),
    });
    await expect(createTicket(env.deps, { ...base, personal: PERSON, consent: undefined })).rejects.toMatchObject({
      userMessage: expect.stringContaining('đồng ý'),
    });
    await expect(
      createTicket(env.deps, {
        ...base,
        kind: 'denunciation',
        personal: { fullName: 'Lý Văn Sài', address: 'Bản Thi' },
      }),
    ).rejects.toMatchObject({
      userMessage: expect.stringContaining('số điện thoại'),
    });
    const q = await createTicket(env.deps, { ...base, kind: 'question', personal: undefined, consent: undefined });
    expect(q.ticket.code.startsWith('CH-2603-')).toBe(true);
    expect(await env.db.prisma.ticket.count()).toBe(1);
  });

  it('hides a denouncer from officers and masks phones in lists', async () => {
    const { ticket } = await createTicket(env.deps, {
      kind: 'denunciation',
      category: 'thai-do-can-bo',
      commune: 'ban-thi',
      description: 'Tố cáo cán bộ địa chính nhận tiền của dân',
      personal: { fullName: 'Lý Văn Sài', address: 'Thôn Nà Làng, xã Bản Thi', phone: '+84 987 654 321' },
      consent: CONSENT,
      resident: ALICE,
    });
    await createTicket(env.deps, {
      kind: 'petition',
      category: 'khac',
      description: 'Phản ánh khác',
      personal: PERSON,
      consent: CONSENT,
      resident: BOB,
    });

    const officerList = await listTickets(env.deps, { actor: OFFICER });
    const asOfficer = officerList.find((t) => t.code === ticket.code);
    expect(asOfficer?.personal).toEqual({ visible: false, note: '[danh tính được bảo vệ]' });
    expect(officerList.find((t) => t.kind === 'petition')?.personal).toMatchObject({
      visible: true,
      phone: '09******78',
      fullName: 'Nguyễn V. A.',
    });
    expect(JSON.stringify(officerList)).not.toMatch(/Sài|0987654321|Nà Làng/);
    const inspectorList = await listTickets(env.deps, { actor: INSPECTOR });
    expect(inspectorList.find((t) => t.code === ticket.code)?.personal).toMatchObject({
      visible: true,
      phone: '09******21',
    });

    const shownToOfficer = await showTicket(env.deps, { code: ticket.code, actor: OFFICER });
    expect(JSON.stringify(shownToOfficer)).not.toMatch(/Sài|0987654321|Nà Làng|nhận tiền/);
    const shownToInspector = await showTicket(env.deps, { code: ticket.code, actor: INSPECTOR });
    expect(shownToInspector.personal).toMatchObject({ fullName: 'Lý Văn Sài', phone: '0987654321' });
    const audit = await env.audit.listAuditFor('ticket', ticket.code);
    expect(audit.map((a) => a.action)).toContain('personal.viewed');

    await expect(acceptTicket(env.deps, { code: ticket.code, actor: OFFICER })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await acceptTicket(env.deps, { code: ticket.code, actor: INSPECTOR });
    const csv = await exportTickets(env.deps, {
      actor: OFFICER,
      withPersonalData: true,
      reason: 'Báo cáo đoàn thanh tra',
    });
    expect(csv.csv).not.toMatch(/Sài|0987654321/);
    expect(csv.csv).toContain('0912345678');
  });

  it('exports CSV without personal data by default and audits a personal-data export with its reason', async () => {
    const { ticket: answered } = await createTicket(env.deps, {
      kind: 'petition',
      category: 'giao-thong',
      description: 'Đèn đường hỏng',
      personal: PERSON,
      consent: CONSENT,
      resident: ALICE,
    });
    await answerTicket(env.deps, { code: answered.code, answer: 'Đã thay bóng đèn.', actor: OFFICER });
    await createTicket(env.deps, {
      kind: 'petition',
      category: 'khac',
      description: '=HYPERLINK("x") phản ánh',
      personal: PERSON,
      consent: CONSENT,
      resident: BOB,
    });
    const plain = await exportTickets(env.deps, { actor: OFFICER });
    expect(plain.csv.split('\n')[0]).not.toMatch(/phone|full_name|address|description/);
    // every boolean column speaks one language: true/false (deadline_met used to say yes/no), empty when unknown
    const [header = '', ...rows] = plain.csv.trim().split('\n');
    const columns = header.split(',');
    const booleans = ['deadline_met', 'remote_area', 'complex', 'second_time', 'resident_resolved', 'disputed'];
    for (const row of rows) {
      const cells = row.split(',');
      for (const name of booleans) {
        const at = columns.indexOf(name);
        expect(at).toBeGreaterThanOrEqual(0);
        expect(['true', 'false', '']).toContain(cells[at]);
      }
    }
    const answeredRow = rows.find((r) => r.startsWith(answered.code))?.split(',') ?? [];
    expect(answeredRow[columns.indexOf('deadline_met')]).toBe('true');
    expect(plain.csv).not.toMatch(/0912345678|Nguyễn Văn An|Tổ 5|HYPERLINK/);
    await expect(exportTickets(env.deps, { actor: OFFICER, withPersonalData: true })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    const full = await exportTickets(env.deps, {
      actor: LEAD,
      withPersonalData: true,
      reason: 'Tổng hợp báo cáo quý I',
    });
    expect(full.csv).toContain('0912345678');
    expect(full.csv).toContain(`"'=HYPERLINK(""x"") phản ánh"`);
    const exports = (await env.audit.readAudit(0, 100)).filter((a) => a.entity === 'export');
    expect(exports.map((a) => a.action)).toEqual(['tickets.exported', 'tickets.exported_with_personal_data']);
    expect(exports[1]).toMatchObject({
      actor: 'lead:lanh.dao.c',
      after: { reason: 'Tổng hợp báo cáo quý I', rows: 2, personalRows: 2 },
    });
  });

  it('lets a resident see and erase their personal data while the facts stay', async () => {
    const { ticket: open } = await complaint();
    const closedOne = await createTicket(env.deps, {
      kind: 'petition',
      category: 'khac',
      description: 'Phản ánh đã xong',
      personal: PERSON,
      consent: CONSENT,
      resident: ALICE,
    });
    await answerTicket(env.deps, { code: closedOne.ticket.code, answer: 'Đã xử lý xong việc này.', actor: OFFICER });
    await changeTicketStatus(env.deps, {
      code: closedOne.ticket.code,
      to: 'closed',
      closeReason: 'resolved',
      actor: OFFICER,
    });
    const seen = await showResidentPersonalData(env.deps, { resident: ALICE });
    expect(seen.tickets.map((t) => t.personal?.fullName)).toEqual(['Nguyễn Văn An', 'Hoàng Thị Mai']); // newest first
    expect(seen.ticketCount).toBe(2);

    const desk = createTicketDesk(env.deps);
    const residentId = (await env.store.findResidentId(ALICE)) as number;
    const [requests] = await desk.describeResidentData({ residentId });
    expect(requests?.count).toBe(2);
    expect(requests?.details?.join('\n')).toContain('0912345678'); // their own phone, unmasked
    expect(await desk.eraseResidentData({ residentId, messageKey: 'telegram:9' })).toEqual({ keepIdentity: true });
    expect(await env.db.prisma.ticketPersonal.count()).toBe(0);
    const after = await showResidentPersonalData(env.deps, { resident: ALICE });
    expect(after.tickets.map((t) => t.personal)).toEqual([null]);
    expect((await env.store.findTicket({ code: open.code }))?.residentId).toBe(residentId); // still reachable for the answer
    const closedAfter = await env.store.findTicket({ code: closedOne.ticket.code });
    expect(closedAfter).toMatchObject({ residentId: null, status: 'closed', category: 'khac' });
    expect((await env.db.prisma.consent.findMany()).every((c) => c.withdrawnAt !== null)).toBe(true);
    const [left, consents] = await desk.describeResidentData({ residentId });
    expect(left?.details).toEqual([
      `${open.code} — Khiếu nại, gửi ngày 02/03/2026: không kèm họ tên, số điện thoại, địa chỉ`,
    ]);
    // the record of what was agreed stays, marked withdrawn
    expect(consents?.details?.every((line) => line.includes('đã rút lại'))).toBe(true);
  });

  it('answers lookups through the TicketDesk port without personal data', async () => {
    const { ticket } = await createTicket(env.deps, {
      kind: 'petition',
      category: 'giao-thong',
      commune: 'duc-xuan',
      description: 'Cây đổ chắn đường, số nhà của tôi 0912345678',
      personal: PERSON,
      consent: CONSENT,
      resident: BOB,
    });
    const desk = createTicketDesk(env.deps);
    const who = { residentId: 1, channel: 'telegram' as const, channelUserId: '3003' };
    const found = await desk.lookupTicket({ ...who, code: ticket.code.toLowerCase() });
    expect(found.kind).toBe('found');
    if (found.kind === 'found') {
      expect(found.text).toContain('Đã tiếp nhận');
      expect(found.text).not.toMatch(/0912345678|Nguyễn|Tổ 5|Cây đổ/);
    }
    const typo = ticket.code.slice(0, -1) + (ticket.code.endsWith('0') ? '1' : '0');
    expect(await desk.lookupTicket({ ...who, code: typo })).toEqual({ kind: 'invalid_code' });
  });
});

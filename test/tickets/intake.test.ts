// The chat intake on the real conversation engine and a real PGlite: every kind, validation in Vietnamese, consent
// with its wording and time, edit from the summary, cancel at every step, photos, location, duplicate delivery,
// restart mid-intake, and the resident's buttons after an answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitInput, ConversationStore } from '../../src/conversation/index.js';
import { createPrismaConversationStore } from '../../src/db/stores/conversation-store.js';
import { answerTicket } from '../../src/tickets/index.js';
import { createIntakeHarness, type IntakeHarness, type Resident } from './intake-harness.js';

let h: IntakeHarness;
beforeAll(async () => {
  h = await createIntakeHarness('2026-11-25T01:00:00.000Z'); // Wednesday 25/11/2026, 08:00 in Việt Nam
});
afterAll(async () => h?.close());

let nextUser = 5000;
const newResident = () => h.resident(String(nextUser++));

async function ticketsOf(user: string) {
  return h.db.prisma.ticket.findMany({
    where: { resident: { channel: 'telegram', channelUserId: user } },
    include: { personal: true, attachments: true },
  });
}

async function stateOf(user: string) {
  const resident = await h.db.prisma.resident.findUnique({
    where: { channel_channelUserId: { channel: 'telegram', channelUserId: user } },
    include: { state: true },
  });
  return resident?.state ?? null;
}

/** The consent wording exactly as shown in the prompt, between « and ». */
function shownWording(text: string): string {
  const match = /«([^»]+)»/.exec(text.slice(text.indexOf('Trước khi lưu')));
  if (!match?.[1]) throw new Error(`no consent wording in ${text}`);
  return match[1];
}

/** A petition from the menu command up to the summary; returns the resident. */
async function petitionToSummary(r: Resident): Promise<void> {
  await r.send('/phananh');
  await r.press('Giao thông');
  await r.send('Đức Xuân');
  await r.send('Đường tổ 5 bị sụt lún sâu, xe máy đi qua rất nguy hiểm');
  await r.press('Xong');
  await r.send('Nguyễn Văn An');
  await r.send('Tổ 5, phường Đức Xuân');
  await r.send('0912345678');
  await r.press('Tôi đồng ý');
  expect(r.text).toContain('Vui lòng kiểm tra lại trước khi gửi');
}

/** The real conversation store whose next commit fails once, as if the process died after the ticket commit. */
function failingFirstCommit(): ConversationStore {
  const real = createPrismaConversationStore(h.db.prisma);
  let failures = 1;
  return {
    ...real,
    findProcessed: (key) => real.findProcessed(key),
    openConversation: (input) => real.openConversation(input),
    describeResidentData: (id) => real.describeResidentData(id),
    pruneProcessedMessages: (before) => real.pruneProcessedMessages(before),
    commit: async (input: CommitInput) => {
      if (failures-- > 0) throw new Error('process died');
      return real.commit(input);
    },
  };
}

describe('a petition from the menu to the tracking code', () => {
  it('asks every step, checks Vietnamese names and phones, records consent word for word, commits before replying', async () => {
    const r = newResident();
    await r.send('/phananh');
    expect(r.text).toContain('Gửi phản ánh, kiến nghị: chỉ vài bước');
    expect(r.text).toContain('Vấn đề thuộc lĩnh vực nào?');
    expect(r.labels()).toEqual(expect.arrayContaining(['Đất đai', 'Giao thông', 'Thái độ cán bộ', 'Khác', 'Hủy']));

    await r.press('Giao thông');
    expect(r.text).toContain('Sự việc xảy ra ở xã, phường nào?');
    expect(r.text).toContain('tên cũ trước ngày 01/7/2025 cũng được');
    // no district step: buttons for the units residents name most, and the name typed
    expect(r.labels()).toEqual(expect.arrayContaining(['Phường Phan Đình Phùng', 'Phường Bắc Kạn', 'Xã Chợ Rã']));
    expect(r.labels().filter((l) => /^(Huyện|Thành phố)/.test(l))).toEqual([]);
    await r.send('Đức Xuân');
    expect(r.text).toContain('mô tả vấn đề bằng chữ');

    await r.send('Đường tổ 5 bị sụt lún sâu');
    expect(r.labels()).toContain('Xong');
    await r.send({ attachments: [{ kind: 'photo', ref: 'photo-1', mimeType: 'image/jpeg' }] });
    expect(r.text).toContain('Đã nhận 1 ảnh/tệp');
    await r.send({ text: 'xe máy đi qua rất nguy hiểm', attachments: [{ kind: 'photo', ref: 'photo-2' }] });
    expect(r.text).toContain('Đã nhận 2 ảnh/tệp');
    await r.press('Xong');
    expect(r.text).toContain('Nghị định 20/2008/NĐ-CP');
    expect(r.text).toContain('Họ và tên của bạn?');
    expect(r.labels()).not.toContain('Bỏ qua'); // required for a petition

    await r.send('An');
    expect(r.text).toContain('Vui lòng nhập đầy đủ họ và tên');
    await r.send('Nguyễn Văn 3');
    expect(r.text).toContain('Họ và tên chỉ gồm chữ cái');
    await r.send('  nguyễn   Văn An ');
    expect(r.text).toContain('Địa chỉ của bạn');
    await r.send('Tổ 5');
    expect(r.text).toContain('Vui lòng ghi rõ địa chỉ');
    await r.send('Tổ 5, phường Đức Xuân');
    expect(r.text).toContain('Số điện thoại');
    await r.send('091234');
    expect(r.text).toContain('Số di động phải có đúng 10 chữ số');
    await r.send('+1 202 555 0100');
    expect(r.text).toContain('Chỉ nhận số điện thoại Việt Nam');
    h.clock.set('2026-11-25T01:07:00.000Z');
    await r.send('+84 912.345.678');
    expect(r.text).toContain('Trước khi lưu, cần bạn đồng ý');
    const wording = shownWording(r.text);
    expect(wording).toContain('họ tên, địa chỉ và số điện thoại của tôi');

    await r.press('Tôi đồng ý');
    h.clock.set('2026-11-25T01:09:00.000Z');
    expect(r.text).toContain('• Loại: Phản ánh, kiến nghị');
    expect(r.text).toContain('• Lĩnh vực: Giao thông');
    expect(r.text).toContain('• Xã/phường: Phường Đức Xuân');
    expect(r.text).toContain('Đường tổ 5 bị sụt lún sâu\nxe máy đi qua rất nguy hiểm');
    expect(r.text).toContain('• Ảnh/tệp đính kèm: 2');
    expect(r.text).toContain('• Số điện thoại: 0912345678');
    expect(r.text).toContain('lúc 08:07 ngày 25/11/2026');
    expect(await ticketsOf(r.user)).toHaveLength(0); // nothing filed before "Gửi"

    const done = await r.press('Gửi', 'confirm-petition');
    expect(done.map((x) => x.text).join('\n')).toContain('Mã tra cứu được gửi ngay trong tin nhắn tiếp theo');
    const [ticket, ...others] = await ticketsOf(r.user);
    expect(others).toHaveLength(0);
    expect(ticket).toMatchObject({
      kind: 'petition',
      category: 'giao-thong',
      commune: '01840',
      oldCommune: null,
      filedPlace: 'Phường Đức Xuân',
      status: 'received',
      sourceKey: 'telegram:confirm-petition',
      description: 'Đường tổ 5 bị sụt lún sâu\nxe máy đi qua rất nguy hiểm',
    });
    expect(ticket?.personal).toMatchObject({
      fullName: 'nguyễn Văn An',
      address: 'Tổ 5, phường Đức Xuân',
      phone: '0912345678',
    });
    expect(ticket?.attachments.map((a) => [a.kind, a.ref])).toEqual([
      ['photo', 'photo-1'],
      ['photo', 'photo-2'],
    ]);
    const consents = await h.db.prisma.consent.findMany({ where: { ticketId: ticket?.id } });
    expect(consents).toHaveLength(1);
    expect(consents[0]?.wording).toBe(wording);
    expect(consents[0]?.givenAt.toISOString()).toBe('2026-11-25T01:07:00.000Z');
    // the code goes out once, through the outbox row written with the ticket
    const outbox = await h.outboxFor(r.user);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.payload.text).toContain(`Mã tra cứu: ${ticket?.code}`);
    expect(done.map((x) => x.text).join('\n')).not.toContain(ticket?.code ?? '?');
    expect((await stateOf(r.user))?.dialog).toBeNull();
  });

  it('files once when the confirming message is delivered twice, or again after a restart', async () => {
    const r = newResident();
    await petitionToSummary(r);
    const summaryButtons = r.last;
    await r.press('Gửi', 'twice');
    r.last = summaryButtons;
    expect(await r.press('Gửi', 'twice')).toEqual([]); // a redelivery: nothing said, nothing done
    h.restart();
    r.last = summaryButtons;
    expect(await r.press('Gửi', 'twice')).toEqual([]);
    expect(await ticketsOf(r.user)).toHaveLength(1);
    expect(await h.outboxFor(r.user)).toHaveLength(1);
  });

  it('files once when the process dies after the ticket commit but before the conversation commit', async () => {
    const r = newResident();
    await petitionToSummary(r);
    const summaryButtons = r.last;
    // the conversation commit fails once (the process "died" after createTicket): nothing of the turn is kept
    h.restart({ store: failingFirstCommit() });
    const failed = await r.press('Gửi', 'crash-confirm');
    expect(failed[0]?.text).toContain('Xin lỗi');
    expect(await ticketsOf(r.user)).toHaveLength(1); // committed before the reply
    // the channel delivers the message again: same ticket, no second code
    r.last = summaryButtons;
    const again = await r.press('Gửi', 'crash-confirm');
    expect(again.map((x) => x.text).join('\n')).toContain('Mã tra cứu được gửi ngay');
    expect(await ticketsOf(r.user)).toHaveLength(1);
    expect(await h.outboxFor(r.user)).toHaveLength(1);
    h.restart();
  });

  it('continues after a restart in the middle of the intake', async () => {
    const r = newResident();
    await r.send('/phananh');
    await r.press('Môi trường');
    await r.send('phường Sông Cầu');
    expect(r.text).toContain(
      'Phường Sông Cầu (cũ, thành phố Bắc Kạn) nay thuộc phường Bắc Kạn, tỉnh Thái Nguyên — đúng không?',
    );
    h.restart();
    await r.press('Đúng');
    await r.send('Bãi rác tự phát cạnh suối gây mùi hôi');
    await r.press('Xong');
    expect(r.text).toContain('Họ và tên');
    h.restart();
    await r.send('Lê Thị Hoa');
    expect(r.text).toContain('Địa chỉ của bạn');
    await r.send('Tổ 3, phường Sông Cầu');
    await r.send('0987654321');
    await r.press('Tôi đồng ý');
    await r.press('Gửi');
    const [ticket] = await ticketsOf(r.user);
    expect(ticket).toMatchObject({
      category: 'moi-truong',
      commune: '01843',
      oldCommune: '01837',
      filedPlace: 'Phường Sông Cầu, Thành phố Bắc Kạn (cũ)',
    });
    expect(ticket?.personal?.fullName).toBe('Lê Thị Hoa');
  });
});

describe('the other kinds and what the law asks of them', () => {
  it('a second complaint in a remote area: name and address required, phone optional', async () => {
    const r = newResident();
    await r.send('/khieunai');
    expect(r.text).toContain('khiếu nại lần đầu hay lần hai');
    expect(r.text).toContain('90 ngày');
    await r.press('Lần hai');
    await r.send('đất');
    expect(r.text).toContain('xã, phường nào');
    await r.send('xa boc bo');
    expect(r.text).toContain('Xã Bộc Bố (cũ, huyện Pác Nặm) nay thuộc xã Bằng Thành, tỉnh Thái Nguyên — đúng không?');
    // typed: «đúng» answers the question (it folds like «dừng», stop, but is not one)
    await r.send('đúng');
    expect(r.text).toContain('mô tả vấn đề');
    await r.send('Không đồng ý với quyết định giải quyết khiếu nại lần đầu về bồi thường đất');
    await r.press('Xong');
    expect(r.text).toContain('Luật Khiếu nại 2011');
    expect(r.labels()).not.toContain('Bỏ qua');
    await r.send('Hoàng Thị Mai');
    await r.send('Thôn Nà Coóc, xã Bằng Thành');
    expect(r.text).toContain('(không bắt buộc)');
    // typed «bỏ qua» is the step's own "Bỏ qua", not a cancel of the whole intake
    await r.send('bỏ qua');
    const wording = shownWording(r.text);
    expect(wording).toContain('họ tên và địa chỉ của tôi');
    await r.press('Tôi đồng ý');
    expect(r.text).toContain('• Khiếu nại: lần hai');
    expect(r.text).toContain('• Số điện thoại: không cung cấp');
    await r.press('Gửi');
    const [ticket] = await ticketsOf(r.user);
    // Bằng Thành: every old commune it was formed from was a khu vực III commune (settings/communes.yaml)
    expect(ticket).toMatchObject({ kind: 'complaint', isSecondTime: true, isRemoteArea: true, commune: '01864' });
    expect(ticket?.personal?.phone).toBeNull();
    expect(ticket?.code.startsWith('KN-')).toBe(true);
  });

  it('a denunciation explains "information with denunciation content" and identity protection; phone required', async () => {
    const r = newResident();
    await r.send('/tocao');
    await r.press('Thái độ cán bộ');
    await r.send('thị trấn Bằng Lũng, huyện Chợ Đồn');
    await r.press('Đúng');
    await r.send('Cán bộ địa chính thu tiền ngoài quy định khi làm sổ đỏ');
    await r.press('Xong');
    expect(r.text).toContain('thông tin có nội dung tố cáo');
    expect(r.text).toContain('Điều 8 Luật Tố cáo 2018');
    await r.send('Trần Văn Bình');
    await r.send('Tổ 2, thị trấn Bằng Lũng');
    expect(r.labels()).not.toContain('Bỏ qua');
    await r.send('0209 3870 123');
    await r.press('Tôi đồng ý');
    await r.press('Gửi');
    expect(r.text).toContain('danh tính của bạn được giữ bí mật');
    const [ticket] = await ticketsOf(r.user);
    expect(ticket).toMatchObject({ kind: 'denunciation' });
    expect(ticket?.personal?.phone).toBe('02093870123');
  });

  it('a denunciation without consent keeps nothing personal and may go as anonymous information', async () => {
    const r = newResident();
    await r.send('/tocao');
    await r.press('Khác');
    await r.send('Kim Hỷ');
    await r.press('Đúng');
    await r.send('Khai thác cát trái phép trên sông mỗi đêm');
    await r.press('Xong');
    await r.send('Phạm Văn Cường');
    await r.send('Thôn Nà Lẹng, xã Kim Hỷ');
    await r.send('0345678901');
    await r.press('Không đồng ý');
    expect(r.text).toContain('không thể giải quyết như một đơn tố cáo');
    expect(r.labels()).toEqual(expect.arrayContaining(['Gửi tin báo ẩn danh', 'Nhập lại và đồng ý']));
    // "nothing personal stored": not even in the conversation state
    const state = JSON.stringify((await stateOf(r.user))?.data);
    expect(state).not.toContain('Cường');
    expect(state).not.toContain('0345678901');
    await r.press('Gửi tin báo ẩn danh');
    expect(r.text).toContain('• Gửi ẩn danh');
    expect(r.text).not.toContain('Họ và tên');
    const done = await r.press('Gửi', 'anon-confirm');
    const ticket = await h.db.prisma.ticket.findUnique({
      where: { sourceKey: 'telegram:anon-confirm' },
      include: { personal: true },
    });
    expect(ticket).toMatchObject({ kind: 'denunciation', residentId: null, personal: null });
    // no chat account linked: the code can only be said here
    expect(done[0]?.text).toContain(`Mã tra cứu: ${ticket?.code}`);
    expect(await h.db.prisma.consent.count({ where: { ticketId: ticket?.id } })).toBe(0);
    expect(await h.db.prisma.outboxMessage.count({ where: { ticketId: ticket?.id } })).toBe(0);
  });

  it('a petition without consent cannot be filed as a petition and offers no anonymous route', async () => {
    const r = newResident();
    await petitionToSummary(r);
    await r.press('Sửa');
    await r.press('Họ và tên');
    await r.send('Nguyễn Văn Bình');
    expect(r.text).toContain('Trước khi lưu'); // changed personal data ⇒ consent asked again
    await r.press('Không đồng ý');
    expect(r.text).toContain('không thể gửi phản ánh, kiến nghị khi không có các thông tin này');
    expect(r.labels()).not.toContain('Gửi ẩn danh');
    expect(r.labels()).not.toContain('Gửi tin báo ẩn danh');
    await r.press('Nhập lại và đồng ý');
    expect(r.text).toContain('Họ và tên của bạn?');
    expect(await ticketsOf(r.user)).toHaveLength(0);
  });

  it('one tap on "Chuyển câu hỏi cho cán bộ" files the question: nothing personal, the answer comes back here', async () => {
    const r = newResident();
    await r.send('Thủ tục cấp phép nuôi ong mật ở đâu?');
    expect(r.labels()).toEqual(expect.arrayContaining(['Chuyển câu hỏi cho cán bộ', 'Thêm chi tiết / để lại liên hệ']));
    const offer = r.last;
    const [reply] = await r.press('Chuyển câu hỏi cho cán bộ', 'q-tap');
    expect(reply?.text).toContain('Câu hỏi đã được chuyển cho cán bộ');
    expect(reply?.text).toContain('câu trả lời sẽ được gửi về cuộc trò chuyện này');
    expect(reply?.text).toContain('Chúng tôi chỉ lưu câu hỏi và tài khoản trò chuyện để trả lời');
    const [ticket] = await ticketsOf(r.user);
    expect(ticket).toMatchObject({
      kind: 'question',
      category: 'thu-tuc-hanh-chinh',
      commune: null,
      personal: null,
      description: 'Thủ tục cấp phép nuôi ong mật ở đâu?',
      sourceKey: 'telegram:q-tap',
      status: 'received',
    });
    expect(ticket?.code).toMatch(/^CH-/);
    expect(await h.db.prisma.consent.count({ where: { ticketId: ticket?.id } })).toBe(0);
    // the code exactly once: in the outbox row committed with the ticket, not in the reply
    expect(reply?.text).not.toContain(ticket?.code);
    const outbox = await h.outboxFor(r.user);
    expect(outbox.map((m) => m.payload.text.includes(`Mã tra cứu: ${ticket?.code}`))).toEqual([true]);
    const queued = await h.db.prisma.unansweredQuestion.findMany({ where: { resident: { channelUserId: r.user } } });
    expect(queued.map((q) => [q.reason, q.status, q.ticketCode])).toEqual([['staff_requested', 'open', ticket?.code]]);

    // a redelivery of the press: nothing said, nothing filed
    r.last = offer;
    expect(await r.press('Chuyển câu hỏi cho cán bộ', 'q-tap')).toEqual([]);
    // a second press: already handed over
    r.last = offer;
    expect((await r.press('Chuyển câu hỏi cho cán bộ'))[0]?.text).toContain('đã được chuyển cho cán bộ');
    expect(await ticketsOf(r.user)).toHaveLength(1);
    expect(await h.outboxFor(r.user)).toHaveLength(1);

    // the officer's answer goes back to this chat
    await answerTicket(h.deps, {
      code: ticket?.code as string,
      answer: 'Liên hệ Phòng Kinh tế huyện.',
      actor: { name: 'can.bo.a', role: 'officer' },
    });
    const answered = await h.outboxFor(r.user);
    expect(answered).toHaveLength(2);
    // and the question leaves the staff queue ("Đang chờ" no more)
    const resolved = await h.db.prisma.unansweredQuestion.findMany({ where: { resident: { channelUserId: r.user } } });
    expect(resolved.map((q) => q.status)).toEqual(['answered']);
    expect(answered[1]).toMatchObject({ channel: 'telegram', channelUserId: r.user });
    expect(answered[1]?.payload.text).toContain('Liên hệ Phòng Kinh tế huyện.');
  });

  it('one tap files once when the process dies after the ticket commit, before the conversation commit', async () => {
    const r = newResident();
    await r.send('Thủ tục cấp phép khai thác mật ong rừng thế nào?');
    const offer = r.last;
    h.restart({ store: failingFirstCommit() });
    try {
      expect((await r.press('Chuyển câu hỏi cho cán bộ', 'q-crash'))[0]?.text).toContain('Xin lỗi');
      expect(await ticketsOf(r.user)).toHaveLength(1); // committed before the reply
      r.last = offer;
      const again = await r.press('Chuyển câu hỏi cho cán bộ', 'q-crash');
      expect(again[0]?.text).toContain('Câu hỏi đã được chuyển cho cán bộ');
      expect(await ticketsOf(r.user)).toHaveLength(1);
      expect(await h.outboxFor(r.user)).toHaveLength(1);
    } finally {
      h.restart();
    }
  });

  it('"Thêm chi tiết / để lại liên hệ" opens the intake pre-filled; personal data optional', async () => {
    const r = newResident();
    await r.send('Thủ tục cấp phép nuôi ong mật ở đâu?');
    await r.press('Thêm chi tiết / để lại liên hệ');
    expect(r.text).toContain('Gửi câu hỏi: chỉ vài bước');
    expect(r.text).toContain('Thủ tục cấp phép nuôi ong mật');
    expect(r.labels()).toContain('Bỏ qua'); // commune optional for a question
    await r.press('Bỏ qua');
    expect(r.text).toContain('không bắt buộc');
    await r.press('Bỏ qua');
    await r.press('Bỏ qua');
    await r.press('Bỏ qua');
    expect(shownWording(r.text)).toContain('lưu và sử dụng tài khoản trò chuyện này');
    await r.press('Tôi đồng ý');
    expect(r.text).toContain('• Lĩnh vực: Thủ tục hành chính');
    expect(r.text).toContain('• Nội dung: Thủ tục cấp phép nuôi ong mật ở đâu?');
    await r.press('Gửi');
    const [ticket] = await ticketsOf(r.user);
    expect(ticket).toMatchObject({ kind: 'question', category: 'thu-tuc-hanh-chinh', commune: null, personal: null });
    const queued = await h.db.prisma.unansweredQuestion.findMany({
      where: { resident: { channelUserId: r.user } },
    });
    expect(queued.map((q) => q.reason)).toEqual(['staff_requested']);
  });
});

describe('seeds, photos and locations', () => {
  it('a complaint typed in free text is offered, pre-filled, skipped, and shown in the summary', async () => {
    const r = newResident();
    await r.send('đường xóm tôi bị ngập mấy hôm nay không ai xử lý');
    await r.press('Gửi phản ánh');
    expect(r.text).toContain('Nội dung đã điền sẵn: «đường xóm tôi bị ngập mấy hôm nay không ai xử lý»');
    await r.press('Giao thông');
    await r.send('Phủ Thông');
    expect(r.text).toContain('Họ và tên'); // the description step was skipped
    await r.send('Đỗ Văn Em');
    await r.send('Thôn Nà Pì, thị trấn Phủ Thông');
    await r.send('0356123456');
    await r.press('Tôi đồng ý');
    expect(r.text).toContain('• Nội dung: đường xóm tôi bị ngập mấy hôm nay không ai xử lý');
    await r.press('Gửi');
    const [ticket] = await ticketsOf(r.user);
    expect(ticket?.description).toBe('đường xóm tôi bị ngập mấy hôm nay không ai xử lý');
  });

  it('a photo sent outside any dialogue starts the intake with it attached; more photos, clear, limit of 10', async () => {
    const r = newResident();
    await r.send({ attachments: [{ kind: 'photo', ref: 'first-photo' }] });
    await r.press('Gửi phản ánh');
    expect(r.text).toContain('Đã nhận 1 ảnh/tệp');
    await r.press('Xây dựng');
    await r.send({ attachments: [{ kind: 'photo', ref: 'early-photo' }] }); // photos are kept at any early step
    expect(r.text).toContain('Đã nhận 2 ảnh/tệp');
    await r.send('Đức Xuân');
    expect(r.text).toContain('Đã nhận 2 ảnh/tệp');
    expect(r.text).toContain('Mời bạn mô tả vấn đề');
    await r.press('Xóa ảnh đã gửi');
    expect(r.text).toContain('Đã xóa các ảnh/tệp đã gửi');
    for (let i = 0; i < 11; i++) await r.send({ attachments: [{ kind: 'photo', ref: `p${i}` }] });
    expect(r.text).toContain('tối đa 10 ảnh/tệp');
    expect(r.labels()).not.toContain('Xong'); // a description in words is required
    await r.send('Lấn chiếm');
    await r.press('Xong');
    expect(r.text).toContain('Vui lòng mô tả rõ hơn');
    await r.send('vỉa hè do công trình xây dựng');
    await r.press('Xong');
    await r.send('Vũ Thị Giang');
    await r.send('Tổ 1, phường Đức Xuân');
    await r.send('0978000111');
    await r.press('Tôi đồng ý');
    expect(r.text).toContain('• Ảnh/tệp đính kèm: 10');
    await r.press('Gửi');
    const [ticket] = await ticketsOf(r.user);
    expect(ticket?.attachments.map((a) => a.ref)).toEqual(Array.from({ length: 10 }, (_, i) => `p${i}`));
  });

  it('a Telegram location at the commune step is stored; the commune may be left to the location', async () => {
    const r = newResident();
    await r.send('/phananh');
    await r.press('Môi trường');
    await r.send({ attachments: [{ kind: 'location', latitude: 22.1471, longitude: 105.8348 }] });
    expect(r.text).toContain('Đã nhận vị trí.');
    expect(r.text).toContain(
      'Vị trí đã gửi (22.14710, 105.83480) nằm trong phường Đức Xuân, tỉnh Thái Nguyên — đúng không?',
    );
    expect(r.labels()).toEqual(expect.arrayContaining(['Đúng', 'Chỉ dùng vị trí đã gửi', 'Không, chọn lại']));
    await r.press('Chỉ dùng vị trí đã gửi');
    await r.send('Khói từ lò đốt rác bay vào khu dân cư');
    await r.press('Xong');
    await r.send('Ngô Văn Hải');
    await r.send('Tổ 10, phường Đức Xuân');
    await r.send('0912000111');
    await r.press('Tôi đồng ý');
    expect(r.text).toContain('• Xã/phường: không nêu (dùng vị trí đã gửi)');
    expect(r.text).toContain('• Vị trí: 22.14710, 105.83480');
    await r.press('Gửi');
    const [ticket] = await ticketsOf(r.user);
    expect(ticket).toMatchObject({ commune: null, latitude: 22.1471, longitude: 105.8348 });
  });

  it('typed commune names: unknown names are said so, a name shared with an old district offers its units', async () => {
    const r = newResident();
    await r.send('/phananh');
    await r.press('Y tế');
    await r.send('Hà Nội');
    expect(r.text).toContain('Không tìm thấy xã/phường «Hà Nội» trong tỉnh Thái Nguyên, kể cả tên cũ');
    await r.send('Chợ Đồn');
    expect(r.text).toContain('«Chợ Đồn» hiện nay là tên một xã/phường, đồng thời là tên huyện Chợ Đồn cũ');
    expect(r.labels()).toEqual(expect.arrayContaining(['Xã Chợ Đồn', 'Xã Yên Phong', 'Xã Nghĩa Tá', 'Tìm tên khác']));
    await r.press('Tìm tên khác');
    expect(r.text).toContain('Sự việc xảy ra ở xã, phường nào?');
    await r.send('Chợ Đồn');
    await r.press('Xã Chợ Đồn');
    expect(r.text).toContain('mô tả vấn đề');
  });
});

describe('edit and cancel', () => {
  it('edits one item from the summary and comes straight back', async () => {
    const r = newResident();
    await petitionToSummary(r);
    await r.press('Sửa');
    expect(r.labels()).toEqual(
      expect.arrayContaining(['Loại yêu cầu', 'Lĩnh vực', 'Xã/phường', 'Nội dung', 'Số điện thoại']),
    );
    await r.press('Lĩnh vực');
    await r.press('Môi trường');
    expect(r.text).toContain('• Lĩnh vực: Môi trường');
    expect(r.text).toContain('lúc 08:'); // consent kept: the category is not personal data
    await r.press('Sửa');
    await r.press('Loại yêu cầu');
    await r.press('Khiếu nại');
    expect(r.text).toContain('lần đầu hay lần hai');
    await r.press('Lần đầu');
    expect(r.text).toContain('Trước khi lưu'); // the consent names the kind: asked again
    await r.press('Tôi đồng ý');
    expect(r.text).toContain('• Loại: Khiếu nại');
    await r.press('Sửa');
    await r.press('Nội dung');
    await r.send('Nội dung mới: mương thoát nước bị tắc');
    await r.press('Xong');
    expect(r.text).toContain('• Nội dung: Nội dung mới: mương thoát nước bị tắc');
    await r.press('Gửi');
    const [ticket] = await ticketsOf(r.user);
    expect(ticket).toMatchObject({ kind: 'complaint', category: 'moi-truong' });
  });

  /** Each entry: what to do to reach the next step. The cancel test stops after every one of them. */
  const path: Array<[string, (r: Resident) => Promise<unknown>]> = [
    ['kind', (r) => r.send('tôi muốn gửi đơn')],
    ['round', (r) => r.press('Khiếu nại')],
    ['category', (r) => r.press('Lần đầu')],
    ['commune', (r) => r.press('Đất đai')],
    ['place-check', (r) => r.send('thị trấn Chợ Rã')],
    ['describe', (r) => r.press('Đúng')],
    ['describe-more', (r) => r.send('Bị thu hồi đất không đúng quy định')],
    ['name', (r) => r.press('Xong')],
    ['address', (r) => r.send('Nông Văn Khánh')],
    ['phone', (r) => r.send('Thôn Bản Vàng, thị trấn Chợ Rã')],
    ['consent', (r) => r.press('Bỏ qua')],
    ['no-consent', (r) => r.press('Không đồng ý')],
    ['name-again', (r) => r.press('Nhập lại và đồng ý')],
  ];

  it.each(path.map(([step], i) => [step, i] as const))(
    'cancels at step %s: nothing filed, nothing kept',
    async (_step, i) => {
      const r = newResident();
      for (const [, act] of path.slice(0, i + 1)) await act(r);
      expect((await stateOf(r.user))?.dialog).toBe('complaint-intake');
      await r.send('hủy');
      expect(r.text).toContain('Đã hủy thao tác');
      const state = await stateOf(r.user);
      expect(state?.dialog).toBeNull();
      expect(JSON.stringify(state?.data)).toBe('{}');
      expect(await ticketsOf(r.user)).toHaveLength(0);
    },
  );

  it('cancels at the summary and at the edit menu with the Hủy button', async () => {
    for (const last of ['summary', 'edit']) {
      const r = newResident();
      await petitionToSummary(r);
      if (last === 'edit') await r.press('Sửa');
      await r.press('Hủy');
      expect(r.text).toContain('Đã hủy thao tác');
      expect((await stateOf(r.user))?.dialog).toBeNull();
      expect(await ticketsOf(r.user)).toHaveLength(0);
    }
  });
});

describe('after the answer', () => {
  it('asks whether it is resolved, takes a 1–5 rating, and a dispute reopens the ticket', async () => {
    const r = newResident();
    await petitionToSummary(r);
    await r.press('Gửi');
    const [ticket] = await ticketsOf(r.user);
    const code = ticket?.code as string;
    h.clock.set('2026-11-27T03:00:00.000Z');
    await answerTicket(h.deps, {
      code,
      answer: 'UBND phường đã cho sửa đoạn đường tổ 5.',
      actor: { name: 'can.bo.a', role: 'officer' },
    });
    const answer = (await h.outboxFor(r.user)).at(-1)?.payload;
    expect(answer?.text).toContain('Vấn đề đã được giải quyết chưa?');
    r.last = [answer as never];
    await r.press('Chưa giải quyết');
    expect(r.text).toContain('từ 1 (rất không hài lòng) đến 5 (rất hài lòng)');
    await r.press('★★');
    expect(r.text).toContain('Cảm ơn bạn đã đánh giá');
    // the rating keyboard is gone on Telegram: the dispute is offered again with the thanks
    await r.press('Đề nghị xem xét lại');
    expect(r.text).toContain(`Đã mở lại yêu cầu ${code}`);
    const after = await h.db.prisma.ticket.findUnique({ where: { code } });
    expect(after).toMatchObject({ status: 'in_progress', satisfaction: 2, residentResolved: false });
    expect(after?.disputedAt).not.toBeNull();
  });
});

// The conversation engine end to end over a real PGlite database: intents, follow-ups, feedback, abstentions, privacy.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { actions, BUILTIN_DIALOGUES, type JsonObject } from '../../src/conversation/index.js';
import { parseTrackingCode } from '../../src/tickets/tracking-code.js';
import { actionsOf, button, createFakeIntake, createHarness, FakeTicketDesk, type Harness, textOf } from './harness.js';

let h: Harness;
const tickets = new FakeTicketDesk();
const created = new Map<string, JsonObject>();

beforeAll(async () => {
  h = await createHarness({ tickets, dialogues: [createFakeIntake(created)] });
});
afterAll(async () => h?.close());

async function residentId(user: string): Promise<number> {
  const r = await h.db.prisma.resident.findUniqueOrThrow({
    where: { channel_channelUserId: { channel: 'telegram', channelUserId: user } },
  });
  return r.id;
}

describe('questions', () => {
  test.each([
    ['with diacritics', 'Lệ phí đăng ký khai sinh là bao nhiêu?'],
    ['without diacritics', 'le phi dang ky khai sinh la bao nhieu'],
  ])('a question is answered with its source and 👍/👎 (%s)', async (_label, question) => {
    const replies = await h.send(`q-${_label}`, question);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toMatch(/^Lệ phí đăng ký khai sinh: miễn lệ phí\.\nNguồn: Đăng ký khai sinh/);
    expect(actionsOf(replies)).toEqual([expect.stringMatching(/^rate:up:/), expect.stringMatching(/^rate:down:/)]);
  });

  test.each([
    ['còn lệ phí thì sao?', 'le_phi'],
    ['thế hồ sơ gồm gì?', 'ho_so'],
    ['con ho so thi sao', 'ho_so'],
    ['mất bao lâu?', 'thoi_han'],
  ])('follow-up "%s" is answered for the procedure just discussed', async (followUp) => {
    const user = `follow-${followUp}`;
    await h.send(user, 'Đăng ký kết hôn cần làm gì?');
    const calls = h.answerer.calls.length;
    const replies = await h.send(user, followUp);
    // the procedure's name travels with the words, so any retriever (and staff reading the queue) knows the subject
    expect(h.answerer.calls.slice(calls)).toEqual([
      { question: `${followUp} (Đăng ký kết hôn)`, focusCode: '1.000894' },
    ]);
    expect(replies[0]?.text).toContain('kết hôn');
  });

  test('a question naming another procedure is not a follow-up and moves the focus', async () => {
    await h.send('switch', 'Đăng ký kết hôn cần làm gì?');
    await h.send('switch', 'hồ sơ đăng ký khai sinh gồm gì?');
    expect(h.answerer.calls.at(-1)?.focusCode).toBeUndefined();
    await h.send('switch', 'còn lệ phí?');
    expect(h.answerer.calls.at(-1)).toEqual({ question: 'còn lệ phí? (Đăng ký khai sinh)', focusCode: '1.001193' });
  });

  test('a bare aspect with no procedure discussed asks which procedure, then answers (question flow)', async () => {
    const ask = await h.send('vague', 'lệ phí bao nhiêu?');
    expect(textOf(ask)).toContain('thủ tục nào');
    expect(actionsOf(ask)).toEqual(['cancel']);
    const state = await h.db.prisma.conversationState.findUniqueOrThrow({
      where: { residentId: await residentId('vague') },
    });
    expect(state).toMatchObject({ dialog: 'clarify-procedure', step: 'procedure' });
    const again = await h.send('vague', 'thì sao');
    expect(textOf(again)).toContain('Mời gõ tên thủ tục');
    const answer = await h.send('vague', 'đăng ký kết hôn');
    expect(h.answerer.calls.at(-1)?.question).toBe('đăng ký kết hôn lệ phí bao nhiêu?');
    expect(answer[0]?.text).toContain('Lệ phí đăng ký kết hôn');
    const after = await h.db.prisma.conversationState.findUniqueOrThrow({
      where: { residentId: await residentId('vague') },
    });
    expect(after.dialog).toBeNull();
  });

  test('a follow-up long after the answer offers the earlier procedure as a button', async () => {
    await h.send('stale', 'Đăng ký khai sinh ở đâu?');
    h.clock.advanceMinutes(90);
    try {
      const ask = await h.send('stale', 'còn lệ phí thì sao?');
      const recent = button(ask, 'Đăng ký khai sinh');
      const answer = await h.send('stale', { action: recent });
      expect(h.answerer.calls.at(-1)).toEqual({
        question: 'còn lệ phí thì sao? (Đăng ký khai sinh)',
        focusCode: '1.001193',
      });
      expect(answer[0]?.text).toContain('miễn lệ phí');
    } finally {
      h.clock.advanceMinutes(-90);
    }
  });

  test('a question about filing a complaint is answered and offers the intake', async () => {
    const replies = await h.send('offer', 'Thủ tục khiếu nại lần đầu như thế nào?');
    expect(actionsOf(replies)).toContain('intent:complaint');
  });
});

describe('feedback', () => {
  test('👍 is recorded once', async () => {
    const answer = await h.send('up', 'lệ phí đăng ký kết hôn');
    const up = button(answer, '👍');
    expect(textOf(await h.send('up', { action: up }))).toContain('Cảm ơn');
    expect(textOf(await h.send('up', { action: up }))).toContain('đã đánh giá');
    const rows = await h.db.prisma.feedback.findMany({ where: { residentId: await residentId('up') } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rating: 'up', question: 'lệ phí đăng ký kết hôn', docCodes: ['1.000894'] });
  });

  test('👎 is recorded, queued for staff, and asks what was wrong (rating flow, a button)', async () => {
    const answer = await h.send('down', 'hồ sơ khai sinh');
    const ref = button(answer, '👎').split(':')[2] as string;
    const ask = await h.send('down', { action: button(answer, '👎') });
    expect(textOf(ask)).toContain('Câu trả lời chưa đúng ở điểm nào?');
    const id = await residentId('down');
    expect(await h.db.prisma.feedback.findMany({ where: { residentId: id } })).toMatchObject([
      { rating: 'down', answerRef: ref, reason: null },
    ]);
    expect(await h.db.prisma.unansweredQuestion.findMany({ where: { residentId: id } })).toMatchObject([
      { reason: 'thumbs_down', question: 'hồ sơ khai sinh', answerRef: ref, status: 'open' },
    ]);
    const thanks = await h.send('down', { action: button(ask, 'Thiếu thông tin') });
    expect(textOf(thanks)).toContain('ý kiến đã được ghi lại');
    expect(actionsOf(thanks)).toEqual([`staff:${ref}`]);
    expect(await h.db.prisma.feedback.findMany({ where: { residentId: id } })).toMatchObject([
      { reason: 'missing_info', comment: null },
    ]);
  });

  test('👎 then free text records the resident’s words', async () => {
    const answer = await h.send('down-text', 'le phi ket hon');
    await h.send('down-text', { action: button(answer, '👎') });
    await h.send('down-text', 'Thông tin lệ phí đã cũ, nay phải nộp 10.000 đồng');
    const rows = await h.db.prisma.feedback.findMany({ where: { residentId: await residentId('down-text') } });
    expect(rows).toMatchObject([
      { rating: 'down', reason: 'other', comment: 'Thông tin lệ phí đã cũ, nay phải nộp 10.000 đồng' },
    ]);
  });

  test('a 👍 typed as an emoji rates the last answer', async () => {
    await h.send('emoji', 'thời hạn đăng ký khai sinh');
    expect(textOf(await h.send('emoji', '👍'))).toContain('Cảm ơn');
    expect(await h.db.prisma.feedback.count({ where: { residentId: await residentId('emoji'), rating: 'up' } })).toBe(
      1,
    );
  });

  test.each([
    ['Hữu ích'],
    ['huu ich'],
    ['Cảm ơn, đúng rồi'],
    ['cam on dung roi'],
    ['Chính xác'],
    ['tot lam'],
    ['Rất hữu ích'],
  ])('"%s" typed right after an answer rates it 👍, once', async (text) => {
    const user = `typed-up-${text}`;
    await h.send(user, 'lệ phí đăng ký kết hôn');
    const calls = h.answerer.calls.length;
    expect(textOf(await h.send(user, text))).toContain('Cảm ơn bạn đã đánh giá');
    expect(h.answerer.calls.length).toBe(calls);
    expect(textOf(await h.send(user, text))).toContain('đã đánh giá câu trả lời này rồi');
    expect(await h.db.prisma.feedback.findMany({ where: { residentId: await residentId(user) } })).toMatchObject([
      { rating: 'up', question: 'lệ phí đăng ký kết hôn' },
    ]);
  });

  test.each([
    ['Sai rồi'],
    ['sai roi'],
    ['Không đúng'],
    ['khong chinh xac'],
    ['Chưa đúng'],
    ['không hữu ích'],
    ['Trả lời sai'],
  ])('"%s" typed right after an answer goes the 👎 way: recorded, queued, reason asked', async (text) => {
    const user = `typed-down-${text}`;
    const answer = await h.send(user, 'hồ sơ đăng ký khai sinh');
    const ref = button(answer, '👎').split(':')[2] as string;
    const ask = await h.send(user, text);
    expect(textOf(ask)).toContain('Câu trả lời chưa đúng ở điểm nào?');
    const id = await residentId(user);
    expect(await h.db.prisma.unansweredQuestion.findMany({ where: { residentId: id } })).toMatchObject([
      { reason: 'thumbs_down', question: 'hồ sơ đăng ký khai sinh', answerRef: ref },
    ]);
    await h.send(user, { action: button(ask, 'Sai thủ tục') });
    expect(await h.db.prisma.feedback.findMany({ where: { residentId: id } })).toMatchObject([
      { rating: 'down', answerRef: ref, reason: 'wrong_procedure' },
    ]);
  });

  test('typed words are no rating without an answer just given, after the follow-up window, or in a sentence', async () => {
    const user = 'typed-none';
    const calls = h.answerer.calls.length;
    // nothing answered yet: a message like any other
    expect(textOf(await h.send(user, 'sai rồi'))).toContain('Chưa tìm thấy');
    await h.send(user, 'lệ phí đăng ký kết hôn');
    // a question that happens to end in "sai" stays a question
    expect(textOf(await h.send(user, 'xử lý chứng từ điện tử đã lập sai'))).toContain('Chưa tìm thấy');
    // the last answer was "nothing found": nothing to say "hữu ích" about
    await h.send(user, 'hữu ích');
    await h.send(user, 'thời hạn đăng ký kết hôn');
    h.clock.advanceMinutes(31);
    try {
      await h.send(user, 'chính xác');
    } finally {
      h.clock.advanceMinutes(-31);
    }
    expect(h.answerer.calls.slice(calls).map((c) => c.question)).toEqual([
      'sai rồi',
      'lệ phí đăng ký kết hôn',
      'xử lý chứng từ điện tử đã lập sai',
      'hữu ích',
      'thời hạn đăng ký kết hôn',
      'chính xác',
    ]);
    expect(await h.db.prisma.feedback.count({ where: { residentId: await residentId(user) } })).toBe(0);
  });

  test('/danhgia shows the rating buttons of the last answer, or says there is none', async () => {
    const user = 'danhgia';
    const none = await h.send(user, '/danhgia');
    expect(textOf(none)).toContain('Chưa có câu trả lời nào gần đây để đánh giá');
    expect(actionsOf(none)).toEqual([]);
    const answer = await h.send(user, 'lệ phí đăng ký khai sinh');
    const offer = await h.send(user, '/danhgia');
    expect(textOf(offer)).toContain('"lệ phí đăng ký khai sinh" có hữu ích không?');
    expect(actionsOf(offer)).toEqual([button(answer, '👍'), button(answer, '👎')]);
    await h.send(user, { action: button(offer, '👍') });
    expect(textOf(await h.send(user, '/danhgia'))).toContain('đã đánh giá câu trả lời này rồi');
    h.clock.advanceMinutes(31);
    try {
      expect(textOf(await h.send(user, '/danhgia'))).toContain('Chưa có câu trả lời nào gần đây');
    } finally {
      h.clock.advanceMinutes(-31);
    }
  });

  test('rating an answer the bot no longer remembers says so and records nothing', async () => {
    const replies = await h.send('old', { action: 'rate:up:zzzzzzzz' });
    expect(textOf(replies)).toContain('đã cũ');
    expect(await h.db.prisma.feedback.count({ where: { residentId: await residentId('old') } })).toBe(0);
  });
});

describe('abstentions and handing to staff', () => {
  test('an abstention is queued and offers staff; confirming marks it (question flow, no intake)', async () => {
    const plain = await createHarness();
    try {
      const answer = await plain.send('abstain', 'Xin cấp phép bay flycam thế nào?');
      expect(answer[0]?.text).toContain('Chưa tìm thấy');
      const staff = button(answer, 'Chuyển câu hỏi cho cán bộ');
      expect(await plain.db.prisma.unansweredQuestion.findMany()).toMatchObject([
        { reason: 'abstain', question: 'Xin cấp phép bay flycam thế nào?', channel: 'telegram' },
      ]);
      const confirm = await plain.send('abstain', { action: staff });
      expect(textOf(confirm)).toContain('Chuyển câu hỏi sau cho cán bộ?');
      const done = await plain.send('abstain', { action: button(confirm, 'Đồng ý') });
      expect(textOf(done)).toContain('danh sách chờ cán bộ');
      expect(textOf(done)).toContain('chưa gửi được câu trả lời riêng');
      expect(await plain.db.prisma.unansweredQuestion.findMany()).toMatchObject([{ reason: 'staff_requested' }]);
      expect(textOf(await plain.send('abstain', { action: staff }))).toContain('đã được chuyển');
    } finally {
      await plain.close();
    }
  });

  test('with the intake registered, handing to staff starts it as a question ticket', async () => {
    const answer = await h.send('to-ticket', 'khong tim thay gi ca');
    const confirm = await h.send('to-ticket', { action: button(answer, 'Chuyển câu hỏi') });
    expect(textOf(confirm)).toContain('mã tra cứu');
    const started = await h.send('to-ticket', 'có');
    expect(textOf(started)).toContain('Nội dung: "khong tim thay gi ca"');
    const state = await h.db.prisma.conversationState.findUniqueOrThrow({
      where: { residentId: await residentId('to-ticket') },
    });
    expect(state).toMatchObject({ dialog: 'complaint-intake', step: 'description', data: { kind: 'question' } });
  });

  test('asking for a person offers to hand over the last question', async () => {
    await h.send('person', 'lệ phí khai sinh');
    for (const text of ['Tôi muốn gặp cán bộ', 'toi muon gap can bo', '/canbo']) {
      const replies = await h.send('person', text);
      expect(textOf(replies)).toContain('chưa có cán bộ trực');
      expect(actionsOf(replies)).toEqual([expect.stringMatching(/^staff:/), 'intent:petition']);
    }
  });
});

describe('tickets through the port', () => {
  test.each([
    ['cho tôi hỏi mã PA-2611-7K3QX9 đến đâu rồi', 'Đang xử lý'],
    ['pa 2611 7k3qx9', 'Đang xử lý'],
    ['KN-2611-ABCDE1', 'Không tìm thấy yêu cầu có mã KN-2611-ABCDE1'],
    ['PA-2611-7K3QX8', 'gõ nhầm'],
  ])('a code anywhere in "%s" is looked up', async (text, expected) => {
    expect(textOf(await h.send('track', text))).toContain(expected);
  });

  test('"tra cứu" without a code asks for it, re-asks on a bad format, gives up after three tries', async () => {
    expect(textOf(await h.send('track2', 'tra cứu mã phản ánh'))).toContain('Mời bạn nhập mã tra cứu');
    expect(textOf(await h.send('track2', '12345'))).toContain('chưa đúng dạng');
    expect(textOf(await h.send('track2', 'PA-2611-7K3QX9'))).toContain('Đang xử lý');
    await h.send('track2', 'tra cuu ma');
    await h.send('track2', 'abc');
    await h.send('track2', 'abc');
    expect(textOf(await h.send('track2', 'abc'))).toContain('Chưa nhận được mã hợp lệ');
  });

  test('a typed dispute goes to the port, which only offers: with its code, or without one', async () => {
    const lookups = tickets.lookups.length;
    const offer = await h.send('dispute', 'ma PA-2611-7K3QX9 van chua duoc giai quyet');
    expect(tickets.disputes.at(-1)).toBe('PA-2611-7K3QX9');
    expect(tickets.lookups.length).toBe(lookups);
    expect(textOf(offer)).toContain('đề nghị xem xét lại yêu cầu PA-2611-7K3QX9');
    expect(actionsOf(offer)).toEqual(['tk:dispute:PA-2611-7K3QX9', 'tk:keep:PA-2611-7K3QX9']);
    expect(textOf(await h.send('dispute', 'PA-2611-7K3QX8 chưa được giải quyết'))).toContain('gõ nhầm');
    expect(textOf(await h.send('dispute', 'Không đồng ý với câu trả lời'))).toContain('Chưa có yêu cầu nào');
    expect(tickets.disputes.at(-1)).toBeUndefined();
  });

  test('without the tickets port, tracking and intake say they are not enabled', async () => {
    const plain = await createHarness();
    try {
      expect(textOf(await plain.send('u', 'PA-2611-7K3QX9'))).toContain('chưa được bật');
      expect(textOf(await plain.send('u', 'PA-2611-7K3QX9 chưa được giải quyết'))).toContain('chưa được bật');
      expect(textOf(await plain.send('u', 'Tôi muốn gửi phản ánh'))).toContain('chưa được bật');
      expect(textOf(await plain.send('u', { action: 'intent:petition' }))).toContain('chưa được bật');
      expect(textOf(await plain.send('u', '/khieunai'))).toContain('chưa được bật');
      // a problem described in free text is answered as a question instead
      const replies = await plain.send('u', 'Đường xóm tôi bị ngập mấy hôm nay không ai xử lý');
      expect(plain.answerer.calls.at(-1)?.question).toBe('Đường xóm tôi bị ngập mấy hôm nay không ai xử lý');
      expect(actionsOf(replies)).toEqual([expect.stringMatching(/^staff:/)]);
      expect(actionsOf(await plain.send('u', 'menu'))).not.toContain('intent:petition');
    } finally {
      await plain.close();
    }
  });

  test.each([
    ['Tôi muốn gửi phản ánh', 'description', 'petition'],
    ['toi muon khieu nai', 'description', 'complaint'],
    ['/phananh', 'description', 'petition'],
  ])('"%s" starts the registered intake', async (text, step, kind) => {
    const user = `intake-${text}`;
    await h.send(user, text);
    const state = await h.db.prisma.conversationState.findUniqueOrThrow({
      where: { residentId: await residentId(user) },
    });
    expect(state).toMatchObject({ dialog: 'complaint-intake', step, data: { kind } });
  });

  test('a problem typed without the menu is offered as a petition with the text filled in', async () => {
    const offer = await h.send('report', 'Đường xóm tôi bị ngập mấy hôm nay không ai xử lý');
    expect(textOf(offer)).toContain('Có vẻ bạn muốn gửi phản ánh');
    const started = await h.send('report', { action: button(offer, 'Gửi phản ánh') });
    expect(textOf(started)).toContain('Nội dung: "Đường xóm tôi bị ngập mấy hôm nay không ai xử lý"');
  });

  test('declining the offer answers the text as a question', async () => {
    const offer = await h.send('report-no', 'Rác thải đổ bừa bãi đầu ngõ bốc mùi');
    await h.send('report-no', { action: button(offer, 'Không, tôi muốn hỏi') });
    expect(h.answerer.calls.at(-1)?.question).toBe('Rác thải đổ bừa bãi đầu ngõ bốc mùi');
  });
});

describe('help, greetings, thanks', () => {
  test.each(['/start', 'Xin chào', 'xin chao', 'chào bạn'])('"%s" greets with the menu', async (text) => {
    const replies = await h.send('hello', text);
    expect(replies[0]?.text).toMatch(/^Xin chào bạn!/);
    expect(actionsOf(replies)).toEqual([
      'intent:ask',
      'intent:petition',
      'intent:track',
      'intent:human',
      'intent:privacy',
    ]);
  });

  test.each(['/help', '/menu', 'menu', 'Hướng dẫn', 'huong dan'])('"%s" lists what the bot can do', async (text) => {
    const replies = await h.send('help', text);
    expect(textOf(replies)).toContain('Trợ lý có thể giúp');
    // the example tracking code residents are shown is one that passes its own check character
    const example = /ví dụ ([A-Z]{2}-\d{4}-[0-9A-Z]{6})/.exec(textOf(replies))?.[1] ?? '';
    expect(parseTrackingCode(example)).toMatchObject({ ok: true });
  });

  test.each(['Cảm ơn bạn', 'cam on'])('"%s" is thanked back', async (text) => {
    expect(textOf(await h.send('thanks', text))).toMatch(/^Cảm ơn bạn/);
  });

  test('"Quý vị" is used when configured', async () => {
    const formal = await createHarness({ addressForm: 'Quý vị' });
    try {
      expect(textOf(await formal.send('f', 'xin chào'))).toMatch(/^Xin chào Quý vị!/);
      expect(textOf(await formal.send('f', '/huy'))).toContain('Mời Quý vị');
    } finally {
      await formal.close();
    }
  });

  test('a menu button asks for the question', async () => {
    expect(textOf(await h.send('menu-ask', { action: 'intent:ask' }))).toContain('Mời bạn gõ câu hỏi');
  });
});

describe('privacy', () => {
  test('"what do you keep about me" lists categories and counts, the tickets port included', async () => {
    const user = 'keep';
    const answer = await h.send(user, 'hồ sơ kết hôn');
    await h.send(user, { action: button(answer, '👍') });
    await h.send(user, 'không có thủ tục này');
    for (const text of ['Bạn lưu gì về tôi?', 'ban luu gi ve toi', '/dulieu']) {
      const replies = await h.send(user, text);
      const report = textOf(replies);
      expect(report).toContain('Câu hỏi gần đây để hỏi tiếp: 2');
      expect(report).toContain('Đánh giá câu trả lời: 1');
      expect(report).toContain('Câu hỏi đang chờ cán bộ xem xét: 1');
      expect(report).toContain('Phản ánh, kiến nghị đã gửi: 2');
      expect(report).not.toContain('hồ sơ kết hôn');
      expect(actionsOf(replies)).toEqual(['intent:erase']);
    }
  });

  test('"delete my data" asks first; "no" keeps everything', async () => {
    await h.send('keep-no', 'hồ sơ kết hôn');
    const ask = await h.send('keep-no', 'Xóa dữ liệu của tôi');
    expect(textOf(ask)).toContain('có chắc muốn xóa');
    expect(textOf(await h.send('keep-no', { action: button(ask, 'Không xóa') }))).toContain('giữ nguyên');
    expect(await h.db.prisma.resident.count({ where: { channelUserId: 'keep-no' } })).toBe(1);
  });

  test('confirmed erasure removes the resident, their state, feedback and queue texts; the tickets port erases too', async () => {
    const user = 'erase';
    const answer = await h.send(user, 'hồ sơ kết hôn');
    await h.send(user, { action: button(answer, '👎') });
    await h.send(user, 'sai hết');
    await h.send(user, 'thủ tục không có thật');
    const id = await residentId(user);
    const ask = await h.send(user, 'xoa du lieu cua toi');
    const done = await h.send(user, { action: button(ask, 'Xóa dữ liệu') });
    expect(textOf(done)).toContain('Đã xóa toàn bộ dữ liệu cá nhân');
    expect(tickets.erased).toContain(id);
    expect(await h.db.prisma.resident.count({ where: { id } })).toBe(0);
    expect(await h.db.prisma.feedback.count({ where: { residentId: id } })).toBe(0);
    expect(await h.db.prisma.conversationState.count({ where: { residentId: id } })).toBe(0);
    const queue = await h.db.prisma.unansweredQuestion.findMany({ where: { answerRef: { not: null } } });
    expect(queue.filter((q) => q.question.includes('kết hôn') || q.question.includes('không có thật'))).toEqual([]);
    const stored = await h.db.prisma.processedMessage.findMany({ where: { residentId: id } });
    expect(stored).toEqual([]);
    // the next message starts afresh, as a new resident with nothing remembered
    const report = textOf(await h.send(user, '/dulieu'));
    expect(report).toContain('Câu hỏi gần đây để hỏi tiếp: 0');
    expect(report).toContain('Đánh giá câu trả lời: 0');
  });

  test("another dialogue's old yes button (same step name, same value) never confirms the erasure", async () => {
    const user = 'erase-foreign-button';
    const answer = await h.send(user, 'hồ sơ kết hôn');
    await h.send(user, { action: button(answer, '👍') });
    const id = await residentId(user);
    await h.send(user, '/xoadulieu');
    // the hand-to-staff and offer-intake dialogues also have a `confirm` step whose yes is `yes`; and a button of an
    // older version carried no dialogue at all
    for (const foreign of [
      actions.choice(BUILTIN_DIALOGUES.offerIntake, 'confirm', 'yes'),
      actions.choice(BUILTIN_DIALOGUES.handToStaff, 'confirm', 'yes'),
      'd:confirm:yes',
    ]) {
      const pressed = await h.send(user, { action: foreign });
      expect(textOf(pressed)).toContain('không còn hiệu lực');
      expect(await h.db.prisma.feedback.count({ where: { residentId: id, question: 'hồ sơ kết hôn' } })).toBe(1);
    }
  });

  test('erasure keeps only the channel id when the tickets port still needs it', async () => {
    tickets.keepIdentity = true;
    try {
      const user = 'erase-keep';
      const answer = await h.send(user, 'hồ sơ kết hôn');
      await h.send(user, { action: button(answer, '👍') });
      const id = await residentId(user);
      const ask = await h.send(user, '/xoadulieu');
      expect(textOf(await h.send(user, { action: button(ask, 'Xóa dữ liệu') }))).toContain('chỉ giữ mã người dùng');
      expect(await h.db.prisma.resident.count({ where: { id } })).toBe(1);
      expect(await h.db.prisma.feedback.findMany({ where: { residentId: id } })).toMatchObject([
        { question: '', answer: '', rating: 'up' },
      ]);
      expect(await h.db.prisma.conversationState.count({ where: { residentId: id } })).toBe(0);
    } finally {
      tickets.keepIdentity = false;
    }
  });
});

describe('answerer failures', () => {
  test('a failing knowledge base gets an apology; the question is queued and the message processed', async () => {
    h.answerer.failNext = true;
    const replies = await h.send('kb-down', 'lệ phí kết hôn', 'kb-down-1');
    expect(textOf(replies)).toContain('hệ thống tra cứu đang gặp sự cố');
    expect(
      await h.db.prisma.unansweredQuestion.findMany({ where: { residentId: await residentId('kb-down') } }),
    ).toMatchObject([{ reason: 'error', question: 'lệ phí kết hôn' }]);
    expect(await h.db.prisma.processedMessage.count({ where: { key: 'telegram:kb-down-1' } })).toBe(1);
  });
});

describe('a pluggable intent classifier', () => {
  test('free text goes to it; commands stay with the rules; when it fails the rules answer', async () => {
    const seen: string[] = [];
    let fail = false;
    const custom = await createHarness({
      classifier: {
        classify: async ({ text }) => {
          seen.push(text);
          if (fail) throw new Error('model timeout');
          return { kind: 'human' };
        },
      },
    });
    try {
      expect(textOf(await custom.send('c', 'lệ phí khai sinh'))).toContain('chưa có cán bộ trực');
      expect(textOf(await custom.send('c', '/help'))).toContain('Trợ lý có thể giúp');
      expect(seen).toEqual(['lệ phí khai sinh']);
      fail = true;
      expect(textOf(await custom.send('c', 'lệ phí khai sinh'))).toContain('miễn lệ phí');
    } finally {
      await custom.close();
    }
  });
});

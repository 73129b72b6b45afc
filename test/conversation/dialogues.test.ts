// Dialogue machinery: registered dialogues, restart mid-dialogue, cancel at every step, stale buttons, custom actions.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ActionHandler, DialogueRegistry, defineDialogue, type JsonObject } from '../../src/conversation/index.js';
import { AppError } from '../../src/shared/errors.js';
import {
  actionsOf,
  button,
  createFakeIntake,
  createHarness,
  FakeTicketDesk,
  type Harness,
  incoming,
  textOf,
} from './harness.js';

const created = new Map<string, JsonObject>();
const tickets = new FakeTicketDesk();
const ticketButtons: ActionHandler = {
  prefix: 'tk',
  handle: ({ args }) =>
    args[0] === 'sat'
      ? { type: 'start', dialogue: 'satisfaction', seed: { code: args[1] ?? '' } }
      : { type: 'end', say: [`Đã ghi nhận: ${args.join(' ')}`] },
};
const satisfaction = defineDialogue({
  name: 'satisfaction',
  start: (_ctx, seed) => ({ type: 'goto', step: 'score', data: seed }),
  steps: {
    score: {
      prompt: () => ({
        text: 'Mức độ hài lòng (1–5)?',
        choices: ['1', '2', '3', '4', '5'].map((v) => ({ label: `${v} ⭐`, value: v })),
      }),
      handle: (input, ctx) => ({ type: 'end', say: [`Cảm ơn, ${input.choice} điểm cho ${String(ctx.data.code)}.`] }),
    },
  },
});
const options = { tickets, dialogues: [createFakeIntake(created), satisfaction], actions: [ticketButtons] };

let h: Harness;
beforeAll(async () => {
  h = await createHarness(options);
});
afterAll(async () => h?.close());

async function stateOf(user: string) {
  const resident = await h.db.prisma.resident.findUnique({
    where: { channel_channelUserId: { channel: 'telegram', channelUserId: user } },
    include: { state: true },
  });
  return resident?.state ?? null;
}

describe('a registered multi-step dialogue', () => {
  test('runs to the end: buttons, typed choice, photos, confirm; the ticket is created once', async () => {
    const user = 'full';
    const kind = await h.send(user, '/phananh');
    expect(textOf(kind)).toContain('Mời mô tả sự việc');
    const none = await h.send(user, 'khiếu nại');
    expect(textOf(none)).toContain('Xác nhận gửi: khiếu nại');
    const edit = await h.send(user, { action: button(none, 'Sửa nội dung') });
    expect(textOf(edit)).toContain('Mời mô tả sự việc');
    expect(textOf(await h.send(user, { attachments: [{ kind: 'photo', ref: 'file-1' }] }))).toContain('Đã nhận ảnh');
    const confirm = await h.send(user, 'Cống thoát nước bị tắc');
    expect(textOf(confirm)).toContain('Cống thoát nước bị tắc (1 ảnh)');
    const done = await h.send(user, '1');
    expect(textOf(done)).toContain('Đã tiếp nhận. Mã tra cứu');
    expect([...created.values()].filter((t) => t.description === 'Cống thoát nước bị tắc')).toHaveLength(1);
    expect((await stateOf(user))?.dialog).toBeNull();
  });

  test('a step with buttons refuses unmatched text and asks again', async () => {
    const user = 'choices';
    await h.send(user, { action: 'intent:help' });
    const start = await h.send(user, 'Tôi muốn gửi đơn');
    // "gửi đơn" alone is an intake without a kind: the first step asks the kind
    expect(textOf(start)).toContain('Bạn muốn gửi loại nào?');
    const refused = await h.send(user, 'ngày mai trời mưa');
    expect(textOf(refused)).toContain('Mời chọn một trong các lựa chọn');
    expect((await stateOf(user))?.step).toBe('kind');
    const typed = await h.send(user, 'khieu nai');
    expect(textOf(typed)).toContain('Mời mô tả sự việc');
    expect((await stateOf(user))?.data).toMatchObject({ kind: 'complaint' });
  });

  test('a button from an earlier step is stale: said so, and the current step is asked again', async () => {
    const user = 'stale';
    const kind = await h.send(user, 'Tôi muốn gửi đơn');
    await h.send(user, { action: button(kind, 'Khiếu nại') });
    const again = await h.send(user, { action: button(kind, 'Phản ánh') });
    expect(textOf(again)).toContain('không còn hiệu lực');
    expect(textOf(again)).toContain('Mời mô tả sự việc');
    expect((await stateOf(user))?.data).toMatchObject({ kind: 'complaint' });
  });

  test('a forged choice value for the current step is refused', async () => {
    const user = 'forged';
    await h.send(user, 'Tôi muốn gửi đơn');
    const forged = await h.send(user, { action: 'd:kind:denunciation' });
    expect(textOf(forged)).toContain('không còn hiệu lực');
    expect((await stateOf(user))?.step).toBe('kind');
  });

  test('/help inside a dialogue shows help and keeps the step', async () => {
    const user = 'help-in';
    await h.send(user, 'Tôi muốn gửi đơn');
    const help = await h.send(user, '/help');
    expect(textOf(help)).toContain('Trợ lý có thể giúp');
    expect(textOf(help)).toContain('Bạn muốn gửi loại nào?');
    expect((await stateOf(user))?.step).toBe('kind');
  });

  test('a menu button inside a dialogue leaves it and does what was asked', async () => {
    const user = 'menu-in';
    await h.send(user, 'Tôi muốn gửi đơn');
    const human = await h.send(user, { action: 'intent:human' });
    expect(textOf(human)).toContain('Đã dừng thao tác đang làm dở');
    expect(textOf(human)).toContain('chưa có cán bộ trực');
    expect((await stateOf(user))?.dialog).toBeNull();
  });
});

describe('restart in the middle of a dialogue', () => {
  test.each([
    ['kind', [] as string[]],
    ['description', ['Phản ánh, kiến nghị']],
    ['confirm', ['Phản ánh, kiến nghị', 'Đèn đường hỏng cả tháng']],
  ])('the engine is recreated at step "%s" and the dialogue carries on', async (step, inputs) => {
    const user = `restart-${step}`;
    await h.send(user, 'Tôi muốn gửi đơn');
    for (const input of inputs) await h.send(user, input);
    expect((await stateOf(user))?.step).toBe(step);
    h.restart(options);
    const rest = ['Phản ánh, kiến nghị', 'Đèn đường hỏng cả tháng', 'Gửi'].slice(inputs.length);
    let last = await h.send(user, rest[0] as string);
    for (const input of rest.slice(1)) last = await h.send(user, input);
    expect(textOf(last)).toContain('Đã tiếp nhận');
    expect((await stateOf(user))?.dialog).toBeNull();
  });

  test('the rating flow survives a restart', async () => {
    const user = 'restart-rating';
    const answer = await h.send(user, 'hồ sơ kết hôn');
    await h.send(user, { action: button(answer, '👎') });
    h.restart(options);
    expect(textOf(await h.send(user, 'thiếu mẫu tờ khai'))).toContain('ý kiến đã được ghi lại');
    const id = (await h.db.prisma.resident.findFirstOrThrow({ where: { channelUserId: user } })).id;
    expect(await h.db.prisma.feedback.findMany({ where: { residentId: id } })).toMatchObject([
      { rating: 'down', reason: 'other', comment: 'thiếu mẫu tờ khai' },
    ]);
  });

  test('a dialogue no longer registered after a restart is dropped politely and the message still handled', async () => {
    const user = 'restart-lost';
    await h.send(user, 'Tôi muốn gửi đơn');
    h.restart({ tickets, dialogues: [], actions: [] });
    try {
      const replies = await h.send(user, 'lệ phí đăng ký kết hôn');
      expect(replies[0]?.text).toContain('không tiếp tục được');
      expect(textOf(replies)).toContain('Lệ phí đăng ký kết hôn: miễn lệ phí');
      expect((await stateOf(user))?.dialog).toBeNull();
    } finally {
      h.restart(options);
    }
  });
});

describe('cancel at every step', () => {
  const cancels: Array<[string, string | { action: string }]> = [
    ['hủy', 'hủy'],
    ['huy', 'huy'],
    ['Huỷ bỏ', 'Huỷ bỏ'],
    ['/huy', '/huy'],
    ['the Hủy button', { action: 'cancel' }],
  ];
  const steps: Array<[string, string[]]> = [
    ['kind', []],
    ['description', ['Phản ánh, kiến nghị']],
    ['confirm', ['Phản ánh, kiến nghị', 'Cây đổ chắn đường']],
  ];
  for (const [step, inputs] of steps) {
    test.each(cancels)(`at step "${step}" with %s`, async (label, cancel) => {
      const user = `cancel-${step}-${label}`;
      const first = await h.send(user, 'Tôi muốn gửi đơn');
      expect(actionsOf(first)).toContain('cancel');
      for (const input of inputs) await h.send(user, input);
      expect((await stateOf(user))?.step).toBe(step);
      const before = created.size;
      const replies = await h.send(user, cancel);
      expect(textOf(replies)).toContain('Đã hủy thao tác');
      expect(await stateOf(user)).toMatchObject({ dialog: null, step: null, data: {} });
      expect(created.size).toBe(before);
      // the next message is handled as a fresh one
      expect(textOf(await h.send(user, 'lệ phí đăng ký kết hôn'))).toContain('Lệ phí đăng ký kết hôn');
    });
  }

  /** Brings `user` into the dialogue. */
  const starts: Array<[string, (user: string) => Promise<unknown>]> = [
    ['clarify-procedure', (user) => h.send(user, 'lệ phí bao nhiêu?')],
    ['track-ticket', (user) => h.send(user, 'tra cứu mã')],
    ['erase-data', (user) => h.send(user, 'xóa dữ liệu của tôi')],
    ['offer-intake', (user) => h.send(user, 'Đường xóm tôi bị ngập mấy hôm nay không ai xử lý')],
    [
      'rate-answer',
      async (user) => h.send(user, { action: button(await h.send(user, 'hồ sơ đăng ký kết hôn'), '👎') }),
    ],
    [
      'hand-to-staff',
      async (user) =>
        h.send(user, { action: button(await h.send(user, 'Xin cấp phép bay flycam thế nào?'), 'Chuyển câu hỏi') }),
    ],
  ];
  for (const cancel of ['huy', 'Hủy bỏ', '/huy', { action: 'cancel' }] as const) {
    test.each(starts)(`the built-in dialogue %s cancels too (${JSON.stringify(cancel)})`, async (dialog, start) => {
      const user = `cancel-${dialog}-${JSON.stringify(cancel)}`;
      await start(user);
      expect((await stateOf(user))?.dialog).toBe(dialog);
      expect(textOf(await h.send(user, cancel))).toContain('Đã hủy thao tác');
      expect((await stateOf(user))?.dialog).toBeNull();
      expect(textOf(await h.send(user, 'lệ phí đăng ký kết hôn'))).toContain('Lệ phí đăng ký kết hôn');
    });
  }

  test('the 👎 reason step offers "Bỏ qua" instead of a Hủy button; cancelling it keeps the 👎', async () => {
    const user = 'cancel-reason-keeps';
    const answer = await h.send(user, 'hồ sơ đăng ký kết hôn');
    const ask = await h.send(user, { action: button(answer, '👎') });
    expect(actionsOf(ask)).not.toContain('cancel');
    expect(button(ask, 'Bỏ qua')).toMatch(/^d:[A-Za-z0-9_-]{4}\.reason:skip$/);
    await h.send(user, 'hủy');
    const resident = await h.db.prisma.resident.findUniqueOrThrow({
      where: { channel_channelUserId: { channel: 'telegram', channelUserId: user } },
    });
    expect(await h.db.prisma.feedback.findMany({ where: { residentId: resident.id } })).toMatchObject([
      { rating: 'down', reason: null, comment: null },
    ]);
  });

  test('cancel with nothing in progress says so', async () => {
    expect(textOf(await h.send('cancel-idle', 'hủy'))).toContain('không có thao tác nào');
  });
});

describe('another request typed inside a built-in dialogue is handled, not swallowed', () => {
  async function residentOf(user: string) {
    return h.db.prisma.resident.findUniqueOrThrow({
      where: { channel_channelUserId: { channel: 'telegram', channelUserId: user } },
    });
  }

  async function thumbsDown(user: string) {
    const answer = await h.send(user, 'hồ sơ đăng ký kết hôn');
    const ask = await h.send(user, { action: button(answer, '👎') });
    expect((await stateOf(user))?.step).toBe('reason');
    return ask;
  }

  test.each([
    ['Lệ phí đăng ký khai sinh bao nhiêu?', 'Lệ phí đăng ký khai sinh: miễn lệ phí'],
    ['le phi dang ky khai sinh bao nhieu', 'Lệ phí đăng ký khai sinh: miễn lệ phí'],
  ])('after 👎, a question "%s" is the reason, recorded, and answered as well', async (text, expected) => {
    const user = `reason-question-${text}`;
    await thumbsDown(user);
    const replies = await h.send(user, text);
    expect(textOf(replies)).toContain('ý kiến đã được ghi lại');
    expect(textOf(replies)).toContain(expected);
    expect(await h.db.prisma.feedback.findMany({ where: { residentId: (await residentOf(user)).id } })).toMatchObject([
      { rating: 'down', reason: 'other', comment: text },
    ]);
    expect((await stateOf(user))?.dialog).toBeNull();
  });

  test.each([
    ['PA-2611-7K3QX9', 'Đang xử lý'],
    ['toi muon gui phan anh', 'Mời mô tả sự việc'],
    ['gặp cán bộ', 'chưa có cán bộ trực'],
    ['menu', 'Trợ lý có thể giúp'],
  ])('after 👎, "%s" keeps the 👎 without a reason and is handled as a new message', async (text, expected) => {
    const user = `reason-leave-${text}`;
    await thumbsDown(user);
    const replies = await h.send(user, text);
    expect(textOf(replies)).toContain('đã ghi nhận đánh giá');
    expect(textOf(replies)).toContain(expected);
    expect(textOf(replies)).not.toContain('ý kiến đã được ghi lại');
    expect(await h.db.prisma.feedback.findMany({ where: { residentId: (await residentOf(user)).id } })).toMatchObject([
      { rating: 'down', reason: null, comment: null },
    ]);
  });

  test.each([
    ['thông tin đã cũ'],
    ['Thông tin lệ phí đã cũ, nay phải nộp 10.000 đồng'],
    ['sai thủ tục rồi'],
    ['không đồng ý với câu trả lời'],
  ])('after 👎, a plain reason "%s" is still recorded as the reason', async (text) => {
    const user = `reason-kept-${text}`;
    await thumbsDown(user);
    expect(textOf(await h.send(user, text))).toContain('ý kiến đã được ghi lại');
    expect(await h.db.prisma.feedback.findMany({ where: { residentId: (await residentOf(user)).id } })).toMatchObject([
      { rating: 'down', reason: 'other', comment: text },
    ]);
    expect((await stateOf(user))?.dialog).toBeNull();
  });

  test('after 👎, "cảm ơn" ends the reason step with one thank-you', async () => {
    const user = 'reason-thanks';
    await thumbsDown(user);
    const replies = await h.send(user, 'cảm ơn');
    expect(replies.map((r) => r.text)).toEqual(['Cảm ơn bạn, chúng tôi đã ghi nhận đánh giá.']);
    expect((await stateOf(user))?.dialog).toBeNull();
  });

  test('the tracking-code step: a wish to file starts the intake instead of "Mã chưa đúng dạng"', async () => {
    const user = 'track-leave';
    await h.send(user, 'Tra cứu');
    expect((await stateOf(user))?.dialog).toBe('track-ticket');
    const replies = await h.send(user, 'toi muon gui phan anh');
    expect(textOf(replies)).not.toContain('chưa đúng dạng');
    expect(textOf(replies)).toContain('Mời mô tả sự việc');
    expect(await stateOf(user)).toMatchObject({ dialog: 'complaint-intake', step: 'description' });
    // a question at the code step is answered
    await h.send(user, 'hủy');
    await h.send(user, 'tra cuu');
    expect(textOf(await h.send(user, 'Lệ phí đăng ký kết hôn bao nhiêu?'))).toContain('Lệ phí đăng ký kết hôn');
    expect((await stateOf(user))?.dialog).toBeNull();
    // a code, and a malformed one, are still the step's own input
    await h.send(user, 'tra cứu mã');
    expect(textOf(await h.send(user, '12345'))).toContain('chưa đúng dạng');
    expect(textOf(await h.send(user, 'PA-2611-7K3QX9'))).toContain('Đang xử lý');
  });

  test('after a shared location: a question is answered; a wish to file starts the intake with the location', async () => {
    const seeds: JsonObject[] = [];
    const capture = defineDialogue({
      name: 'complaint-intake',
      start: (_ctx, seed) => {
        seeds.push(seed);
        return { type: 'end', say: ['Mời mô tả sự việc.'] };
      },
      steps: {},
    });
    const local = await createHarness({ tickets, dialogues: [capture] });
    const location = { attachments: [{ kind: 'location' as const, latitude: 21.03, longitude: 105.85 }] };
    try {
      expect(textOf(await local.send('loc', location))).toContain('gửi ảnh/vị trí này kèm một phản ánh');
      const answered = await local.send('loc', 'Lệ phí đăng ký khai sinh bao nhiêu?');
      expect(textOf(answered)).toContain('Lệ phí đăng ký khai sinh: miễn lệ phí');
      expect(textOf(answered)).not.toContain('Mời chọn một');
      await local.send('loc', location);
      expect(textOf(await local.send('loc', 'Tôi muốn khiếu nại'))).toContain('Mời mô tả sự việc.');
      expect(seeds).toEqual([
        { kind: 'complaint', attachments: [{ kind: 'location', latitude: 21.03, longitude: 105.85 }] },
      ]);
      // text that is neither a choice nor another request still gets the choice asked again
      await local.send('loc', location);
      expect(textOf(await local.send('loc', 'ở gần chợ'))).toContain('Mời chọn một');
    } finally {
      await local.close();
    }
  });

  test('hand-to-staff and erase confirmations let a new question through', async () => {
    const user = 'confirm-leave';
    await h.send(user, { action: button(await h.send(user, 'Xin cấp phép bay flycam thế nào?'), 'Chuyển câu hỏi') });
    expect(textOf(await h.send(user, 'Hồ sơ đăng ký kết hôn gồm những gì?'))).toContain('Hồ sơ đăng ký kết hôn gồm');
    await h.send(user, 'xóa dữ liệu của tôi');
    expect(textOf(await h.send(user, 'xin chào'))).toMatch(/Xin chào bạn!/);
    expect((await stateOf(user))?.dialog).toBeNull();
    expect(await h.db.prisma.resident.count({ where: { channelUserId: user } })).toBe(1);
  });

  test("the intake's free-text description keeps whatever is typed, questions included", async () => {
    const user = 'intake-free-text';
    await h.send(user, '/phananh');
    const replies = await h.send(user, 'Vì sao đường xóm ngập mãi không ai xử lý?');
    expect(textOf(replies)).toContain('Xác nhận gửi: Vì sao đường xóm ngập mãi không ai xử lý?');
    expect((await stateOf(user))?.step).toBe('confirm');
  });
});

describe('buttons of other contexts', () => {
  test('a registered prefix is routed to its handler and may start a dialogue', async () => {
    const user = 'custom';
    expect(textOf(await h.send(user, { action: 'tk:resolved:PA-2611-7K3QX9:yes' }))).toContain(
      'Đã ghi nhận: resolved PA-2611-7K3QX9 yes',
    );
    const ask = await h.send(user, { action: 'tk:sat:PA-2611-7K3QX9' });
    expect(textOf(ask)).toContain('Mức độ hài lòng');
    expect(textOf(await h.send(user, '4'))).toContain('4 điểm cho PA-2611-7K3QX9');
  });

  test('a later button does not disturb a dialogue in progress', async () => {
    const user = 'custom-in';
    await h.send(user, 'Tôi muốn gửi đơn');
    const replies = await h.send(user, { action: 'tk:resolved:PA-2611-7K3QX9:no' });
    expect(textOf(replies)).toContain('Đã ghi nhận');
    expect(textOf(replies)).toContain('Bạn muốn gửi loại nào?');
    expect((await stateOf(user))?.step).toBe('kind');
  });

  test('unknown or forged actions get a clear reply', async () => {
    for (const action of ['zz:1', 'rate:sideways:x', 'intent:hack', 'x'.repeat(300), 'd::']) {
      expect(textOf(await h.send('forged-actions', { action }))).toContain('không còn hiệu lực');
    }
  });
});

describe('the registry', () => {
  test('refuses duplicate names, reserved prefixes and malformed steps', () => {
    const registry = new DialogueRegistry();
    const d = defineDialogue({ name: 'x', start: () => ({ type: 'end' }), steps: {} });
    registry.register(d);
    expect(() => registry.register(d)).toThrow(/already registered/);
    expect(() => registry.registerAction({ prefix: 'rate', handle: () => ({ type: 'end' }) })).toThrow(/reserved/);
    expect(() =>
      registry.register(
        defineDialogue({
          name: 'y',
          start: () => ({ type: 'end' }),
          steps: { 'Bad Step!': { prompt: () => ({ text: '' }), handle: () => ({ type: 'end' }) } },
        }),
      ),
    ).toThrow(/bad step name/);
  });
});

describe('errors inside a dialogue', () => {
  test('a validation AppError is said and the step asked again; a bug gets an apology and changes nothing', async () => {
    const phone = defineDialogue({
      name: 'phone-check',
      start: () => ({ type: 'goto', step: 'phone', data: {} }),
      steps: {
        phone: {
          prompt: () => ({ text: 'Mời nhập số điện thoại.' }),
          handle: (input) => {
            if (input.text === 'lỗi') throw new Error('bug');
            if (!/^0\d{9}$/.test(input.text))
              throw new AppError('BAD_INPUT', 'bad phone', { userMessage: 'Số điện thoại chưa đúng định dạng.' });
            return { type: 'end', say: ['Đã ghi nhận số điện thoại.'] };
          },
        },
      },
    });
    const starter: ActionHandler = { prefix: 'ph', handle: () => ({ type: 'start', dialogue: 'phone-check' }) };
    const e = await createHarness({ dialogues: [phone], actions: [starter] });
    try {
      await e.send('p', { action: 'ph:go' });
      const bad = await e.send('p', '12345');
      expect(textOf(bad)).toContain('Số điện thoại chưa đúng định dạng.');
      expect(textOf(bad)).toContain('Mời nhập số điện thoại.');
      const bug = await e.engine.process(incoming('p', 'lỗi'));
      expect(bug.status).toBe('failed');
      expect(textOf(bug.replies)).toContain('hệ thống đang gặp sự cố');
      expect(textOf(await e.send('p', '0912345678'))).toContain('Đã ghi nhận số điện thoại.');
      // the number itself was never stored by the conversation store: the dialogue kept nothing in its data
      expect(JSON.stringify(await e.db.prisma.conversationState.findMany())).not.toContain('0912345678');
    } finally {
      await e.close();
    }
  });
});

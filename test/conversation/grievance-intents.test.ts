// Complaints phrased as questions, through the real engine on PGlite: a grievance is offered for filing (and its
// question, if any, answered first); a question about complaining is answered, with no intake forced on it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { JsonObject } from '../../src/conversation/index.js';
import { actionsOf, button, createFakeIntake, createHarness, type Harness, textOf } from './harness.js';

let h: Harness;
const created = new Map<string, JsonObject>();

beforeAll(async () => {
  h = await createHarness({ dialogues: [createFakeIntake(created)] });
});
afterAll(async () => h?.close());

async function stateOf(user: string) {
  const resident = await h.db.prisma.resident.findUniqueOrThrow({
    where: { channel_channelUserId: { channel: 'telegram', channelUserId: user } },
  });
  return h.db.prisma.conversationState.findUnique({ where: { residentId: resident.id } });
}

const OVERDUE = 'Tôi nộp hồ sơ cấp sổ đỏ từ tháng 6 đến giờ chưa ai trả lời là sao?';

describe('a grievance phrased as a question', () => {
  test('the overdue land application is offered for filing, not answered as a procedure', async () => {
    const calls = h.answerer.calls.length;
    const offer = await h.send('overdue', OVERDUE);
    expect(h.answerer.calls.length).toBe(calls);
    expect(textOf(offer)).toContain('Có vẻ bạn muốn gửi phản ánh');
    expect(actionsOf(offer)).toContain(button(offer, 'Không, tôi muốn hỏi'));
    const started = await h.send('overdue', { action: button(offer, 'Gửi phản ánh') });
    expect(textOf(started)).toContain(`Nội dung: "${OVERDUE}"`);
    expect(await stateOf('overdue')).toMatchObject({ dialog: 'complaint-intake', data: { kind: 'petition' } });
  });

  test('the same, typed without diacritics', async () => {
    const offer = await h.send('overdue-plain', 'toi nop ho so cap so do tu thang 6 den gio chua ai tra loi la sao');
    expect(textOf(offer)).toContain('Có vẻ bạn muốn gửi phản ánh');
  });

  test.each([
    [
      'an unlawful charge',
      'UB xã bắt gđ em nộp 3tr đóng góp mới ký giấy xác nhận cho, thu vậy có đúng ko ạ?',
      'khiếu nại',
    ],
    [
      'broken public works',
      'Đèn đường đoạn trước trường tắt cả tháng nay rồi, bao giờ mới có người sửa vậy?',
      'phản ánh',
    ],
  ])('%s is offered for filing with its kind', async (_label, text, kind) => {
    const offer = await h.send(`kind-${_label}`, text);
    expect(textOf(offer)).toContain(`Có vẻ bạn muốn gửi ${kind}`);
  });
});

describe('a grievance with a question of its own (ask + intake)', () => {
  const MESSAGE =
    'Hồ sơ đăng ký khai sinh của con tôi nộp 3 tuần rồi vẫn chưa có. Cho tôi hỏi thêm, đăng ký kết hôn cần hồ sơ gì?';

  test('the question is answered, then filing the grievance is offered with a button', async () => {
    const replies = await h.send('both', MESSAGE);
    expect(h.answerer.calls.at(-1)?.question).toBe('Cho tôi hỏi thêm, đăng ký kết hôn cần hồ sơ gì');
    expect(replies[0]?.text).toContain('Hồ sơ đăng ký kết hôn gồm');
    expect(textOf(replies.slice(1))).toContain('có muốn gửi phản ánh về sự việc đó không');
    const started = await h.send('both', { action: button(replies, 'Gửi phản ánh') });
    expect(textOf(started)).toContain(`Nội dung: "${MESSAGE}"`);
  });

  test('declining the offer ends it without answering again', async () => {
    const replies = await h.send('both-no', MESSAGE);
    const calls = h.answerer.calls.length;
    const declined = await h.send('both-no', { action: button(replies, 'Không cần') });
    expect(h.answerer.calls.length).toBe(calls);
    expect(textOf(declined)).toContain('gửi phản ánh bất cứ lúc nào');
    expect((await stateOf('both-no'))?.dialog ?? null).toBeNull();
  });

  test('a new question typed instead of pressing a button is answered', async () => {
    await h.send('both-then', MESSAGE);
    const answer = await h.send('both-then', 'Lệ phí đăng ký khai sinh là bao nhiêu?');
    expect(answer[0]?.text).toContain('Lệ phí đăng ký khai sinh: miễn lệ phí.');
  });
});

describe('a question about complaining', () => {
  test.each([
    'Khiếu nại thì dùng mẫu đơn nào, lấy ở đâu?',
    'mẫu đơn khiếu nại lấy ở đâu, viết tay hay đánh máy đều đc ko ạ?',
    'Thời hạn giải quyết khiếu nại là bao lâu?',
  ])('"%s" is answered, and no intake is started', async (text) => {
    const user = `about-${text}`;
    const replies = await h.send(user, text);
    expect(h.answerer.calls.at(-1)?.question).toBe(text);
    expect(textOf(replies)).not.toContain('Có vẻ bạn muốn gửi');
    expect(textOf(replies)).not.toContain('có muốn gửi');
    expect((await stateOf(user))?.dialog ?? null).toBeNull();
  });
});

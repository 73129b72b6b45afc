// Bad input never crashes the engine: every case gets a clear Vietnamese reply and nothing is lost.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ConversationStore,
  createConversationEngine,
  cutText,
  type IncomingMessage,
  type OutgoingReply,
} from '../../src/conversation/index.js';
import { createPrismaConversationStore } from '../../src/db/stores/conversation-store.js';
import { checkReplies, createFakeIntake, createHarness, type Harness, incoming, textOf } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

/** Vietnamese text with diacritics (not an English fallback, not an empty string). */
function expectVietnamese(replies: OutgoingReply[]): void {
  expect(replies.length).toBeGreaterThan(0);
  checkReplies(replies);
  expect(textOf(replies)).toMatch(/[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i);
}

describe('text', () => {
  test('an empty message gets a reply and the menu', async () => {
    const replies = await h.send('empty', '');
    expectVietnamese(replies);
    expect(textOf(replies)).toContain('Tin nhắn trống');
    expect(await h.db.prisma.processedMessage.count({ where: { residentId: { not: null } } })).toBeGreaterThan(0);
  });

  test('cutting a long text never leaves half of an emoji behind', () => {
    // "😀" is two UTF-16 units; a cut at an odd length used to keep the first one alone (invalid text)
    for (const max of [5, 6, 7, 8]) {
      const cut = cutText('😀'.repeat(10), max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    expect(cutText(`ab ${'😀'.repeat(10)}`, 6)).toBe('ab 😀');
  });

  test('whitespace only is empty too', async () => {
    expect(textOf(await h.send('blank', ' \n\t  '))).toContain('Tin nhắn trống');
  });

  test('a 100 KB message is cut, the resident is told, and the question still answered', async () => {
    const long = `Lệ phí đăng ký khai sinh là bao nhiêu? ${'xin hỏi thêm '.repeat(8000)}`;
    expect(long.length).toBeGreaterThan(100_000);
    const replies = await h.send('long', long);
    expectVietnamese(replies);
    expect(replies[0]?.text).toMatch(
      /^Tin nhắn dài 10\d\.\d{3} ký tự, vượt giới hạn; chúng tôi chỉ xét 4\.0\d\d ký tự đầu\./,
    );
    expect(textOf(replies)).toContain('Câu hỏi quá dài');
    expect(textOf(replies)).toContain('Lệ phí đăng ký khai sinh: miễn lệ phí');
    expect((h.answerer.calls.at(-1)?.question.length ?? 0) <= 1000).toBe(true);
  });

  test('binary junk gets a reply, and junk mixed into a question is dropped', async () => {
    const junk = randomBytes(4096).toString('latin1') + String.fromCharCode(0xd800, 0, 0xdfff, 0xfffe);
    expectVietnamese(await h.send('junk', junk));
    const mixed = `\u0000\u0007lệ phí khai sinh\ud800\u0000`;
    const replies = await h.send('junk2', mixed);
    expect(textOf(replies)).toContain('ký tự không đọc được');
    expect(h.answerer.calls.at(-1)?.question).toBe('lệ phí khai sinh');
  });

  test('random byte strings never crash the engine (200 tries)', async () => {
    for (let i = 0; i < 200; i++) {
      const bytes = randomBytes(1 + (i % 64));
      const text = i % 2 ? bytes.toString('utf8') : bytes.toString('utf16le');
      const result = await h.engine.process(incoming(`fuzz${i % 7}`, text));
      expect(result.status).toBe('processed');
      checkReplies(result.replies);
    }
  });

  test.each(['😀😀😀', '🙏', '...', '???', '❤️🔥'])('emoji or symbols only ("%s") get a clear reply', async (text) => {
    const replies = await h.send('emoji', text);
    expectVietnamese(replies);
    expect(textOf(replies)).toContain('chưa đọc được nội dung này');
  });

  test('HTML and SQL text are just text', async () => {
    const replies = await h.send('inject', `<script>alert(1)</script>'; DROP TABLE "Resident"; --`);
    expectVietnamese(replies);
    expect(await h.db.prisma.resident.count()).toBeGreaterThan(0);
  });
});

describe('attachments', () => {
  test.each([
    ['sticker', 'nhãn dán'],
    ['audio', 'nhãn dán, âm thanh'],
    ['video', 'video'],
    ['other', 'tệp'],
  ] as const)('a %s without text gets a clear reply', async (kind, expected) => {
    const replies = await h.send('att', { attachments: [{ kind, ref: 'f1' }] });
    expectVietnamese(replies);
    expect(textOf(replies)).toContain(expected);
  });

  test('a shared contact is refused and its phone number stored nowhere', async () => {
    const replies = await h.send('contact', {
      attachments: [{ kind: 'contact', phone: '0912345678', contactName: 'A' }],
    });
    expect(textOf(replies)).toContain('không được lưu');
    const dump = JSON.stringify([
      await h.db.prisma.processedMessage.findMany(),
      await h.db.prisma.conversationState.findMany(),
    ]);
    expect(dump).not.toContain('0912345678');
  });

  test('a photo without the intake says what can be done', async () => {
    expect(textOf(await h.send('photo', { attachments: [{ kind: 'photo', ref: 'p1' }] }))).toContain('chưa nhận ảnh');
  });

  test('a photo with the intake registered offers a petition carrying the photo', async () => {
    const created = new Map();
    const withIntake = await createHarness({ dialogues: [createFakeIntake(created)] });
    try {
      const offer = await withIntake.send('photo', {
        attachments: [
          { kind: 'photo', ref: 'p1' },
          { kind: 'contact', phone: '0912345678' },
        ],
      });
      expect(textOf(offer)).toContain('gửi ảnh/vị trí này kèm một phản ánh');
      const state = await withIntake.db.prisma.conversationState.findFirstOrThrow();
      expect(state.data).toEqual({ kind: 'petition', attachments: [{ kind: 'photo', ref: 'p1' }] });
    } finally {
      await withIntake.close();
    }
  });

  test('text with an attachment is answered, and the attachment said to be ignored', async () => {
    const replies = await h.send('att-text', { text: 'lệ phí khai sinh', attachments: [{ kind: 'sticker' }] });
    expect(textOf(replies)).toContain('chỉ xét phần chữ');
    expect(textOf(replies)).toContain('miễn lệ phí');
  });
});

describe('broken messages and failures', () => {
  test('a malformed message object gets a reply, never an exception', async () => {
    const broken = { channel: 'telegram', text: null, attachments: 'nope' } as unknown as IncomingMessage;
    const result = await h.engine.process(broken);
    expect(result.status).toBe('failed');
    expectVietnamese(result.replies);
    const noText = { ...incoming('no-text', ''), text: undefined } as unknown as IncomingMessage;
    expectVietnamese(await h.engine.handle(noText));
  });

  test('a store failure gets an apology and commits nothing, so the redelivery is processed', async () => {
    const real = createPrismaConversationStore(h.db.prisma);
    let failCommits = 1;
    const flaky: ConversationStore = {
      ...real,
      async commit(input) {
        if (failCommits-- > 0) throw new Error('connection reset');
        return real.commit(input);
      },
    };
    const engine = createConversationEngine({ store: flaky, answerer: h.answerer });
    const first = await engine.process(incoming('flaky', 'lệ phí khai sinh', 'flaky-1'));
    expect(first.status).toBe('failed');
    expect(textOf(first.replies)).toContain('hệ thống đang gặp sự cố');
    expect(await h.db.prisma.processedMessage.count({ where: { key: 'telegram:flaky-1' } })).toBe(0);
    const again = await engine.process(incoming('flaky', 'lệ phí khai sinh', 'flaky-1'));
    expect(again.status).toBe('processed');
    expect(textOf(again.replies)).toContain('miễn lệ phí');
  });
});

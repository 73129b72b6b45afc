// Test harness for the conversation engine: a real PGlite database, the Prisma store, and fakes through the ports.
import {
  type Answerer,
  type AskOptions,
  type ConversationEngine,
  type ConversationEngineOptions,
  createConversationEngine,
  type DialogueTransition,
  type DisputeOfferResult,
  defineDialogue,
  foldForMatching,
  INTAKE_DIALOGUE,
  type IncomingMessage,
  type JsonObject,
  type OutgoingReply,
  type ResidentDataItem,
  type TicketDesk,
  type TicketLookupResult,
} from '../../src/conversation/index.js';
import type { Database } from '../../src/db/index.js';
import { createPrismaConversationStore } from '../../src/db/stores/conversation-store.js';
import type { Answer } from '../../src/knowledge/index.js';
import { createTestDatabase } from '../support/database.js';

interface FakeProcedure {
  code: string;
  title: string;
  words: string;
  facts: Record<'le_phi' | 'ho_so' | 'thoi_han' | 'tong_quan', string>;
}

export const PROCEDURES: FakeProcedure[] = [
  {
    code: '1.001193',
    title: 'Đăng ký khai sinh',
    words: 'khai sinh',
    facts: {
      le_phi: 'Lệ phí đăng ký khai sinh: miễn lệ phí.',
      ho_so: 'Hồ sơ đăng ký khai sinh gồm: tờ khai, giấy chứng sinh.',
      thoi_han: 'Thời hạn giải quyết: ngay trong ngày.',
      tong_quan: 'Đăng ký khai sinh thực hiện tại UBND cấp xã.',
    },
  },
  {
    code: '1.000894',
    title: 'Đăng ký kết hôn',
    words: 'ket hon',
    facts: {
      le_phi: 'Lệ phí đăng ký kết hôn: miễn lệ phí.',
      ho_so: 'Hồ sơ đăng ký kết hôn gồm: tờ khai đăng ký kết hôn, giấy xác nhận tình trạng hôn nhân.',
      thoi_han: 'Thời hạn giải quyết: ngay trong ngày; tối đa 5 ngày làm việc nếu cần xác minh.',
      tong_quan: 'Đăng ký kết hôn thực hiện tại UBND cấp xã.',
    },
  },
];

function aspectOf(folded: string): keyof FakeProcedure['facts'] {
  if (folded.includes('phi') || folded.includes('tien')) return 'le_phi';
  if (folded.includes('ho so') || folded.includes('giay to')) return 'ho_so';
  if (folded.includes('bao lau') || folded.includes('thoi han')) return 'thoi_han';
  return 'tong_quan';
}

/** A knowledge base that knows two procedures, through the Answerer port. Records every call. */
export class FakeAnswerer implements Answerer {
  readonly calls: Array<{ question: string; focusCode?: string | undefined }> = [];
  failNext = false;

  async ask(question: string, options?: AskOptions): Promise<Answer> {
    this.calls.push({ question, focusCode: options?.focusCode });
    if (this.failNext) {
      this.failNext = false;
      throw new Error('knowledge base down');
    }
    const folded = foldForMatching(question);
    const procedure = options?.focusCode
      ? PROCEDURES.find((p) => p.code === options.focusCode)
      : PROCEDURES.find((p) => folded.includes(p.words));
    if (!procedure) {
      return {
        text: 'Chưa tìm thấy thông tin phù hợp trong cơ sở dữ liệu thủ tục. Bạn có thể chuyển câu hỏi cho cán bộ.',
        abstained: true,
        aspect: 'none',
        docCodes: [],
        sources: [],
      };
    }
    const aspect = aspectOf(folded);
    return {
      text: `${procedure.facts[aspect]}\nNguồn: ${procedure.title} (mã ${procedure.code})`,
      abstained: false,
      aspect,
      docCodes: [procedure.code],
      sources: [{ code: procedure.code, title: procedure.title }],
      focus: { code: procedure.code, title: procedure.title, level: 'xã' },
    };
  }
}

/** A tickets desk with one known ticket, through the TicketDesk port. */
export class FakeTicketDesk implements TicketDesk {
  readonly lookups: string[] = [];
  readonly disputes: Array<string | undefined> = [];
  readonly erased: number[] = [];
  keepIdentity = false;

  async lookupTicket(input: { code: string }): Promise<TicketLookupResult> {
    this.lookups.push(input.code);
    if (input.code === 'PA-2611-7K3QX9')
      return { kind: 'found', text: 'Mã PA-2611-7K3QX9: Đang xử lý. Hạn trả lời 15/12/2026.' };
    if (input.code.endsWith('X8')) return { kind: 'invalid_code' };
    return { kind: 'not_found' };
  }

  async offerDispute(input: { code?: string | undefined }): Promise<DisputeOfferResult> {
    this.disputes.push(input.code);
    if (input.code === 'PA-2611-7K3QX9')
      return {
        kind: 'reply',
        text: 'Bạn muốn đề nghị xem xét lại yêu cầu PA-2611-7K3QX9?',
        quickReplies: [
          { label: 'Đề nghị xem xét lại', action: 'tk:dispute:PA-2611-7K3QX9' },
          { label: 'Không', action: 'tk:keep:PA-2611-7K3QX9' },
        ],
      };
    if (input.code?.endsWith('X8')) return { kind: 'invalid_code' };
    return { kind: 'reply', text: 'Chưa có yêu cầu nào đã được trả lời để đề nghị xem xét lại.' };
  }

  async describeResidentData(): Promise<ResidentDataItem[]> {
    return [{ label: 'Phản ánh, kiến nghị đã gửi', count: 2 }];
  }

  async eraseResidentData(input: { residentId: number }): Promise<{ keepIdentity: boolean }> {
    this.erased.push(input.residentId);
    return { keepIdentity: this.keepIdentity };
  }
}

export class FakeClock {
  constructor(public current = new Date('2026-11-25T08:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export type Send = string | { action: string } | Partial<IncomingMessage>;

export interface Harness {
  db: Database;
  engine: ConversationEngine;
  answerer: FakeAnswerer;
  clock: FakeClock;
  /** Sends one message from `user` and returns the replies. */
  send(user: string, message: Send, messageId?: string): Promise<OutgoingReply[]>;
  /** Throws the engine away and builds a new one on the same database (a process restart). */
  restart(overrides?: Partial<ConversationEngineOptions>): void;
  close(): Promise<void>;
}

let sequence = 0;

export function incoming(
  user: string,
  message: Send,
  messageId?: string,
  channel: 'telegram' | 'web' = 'telegram',
): IncomingMessage {
  const base: IncomingMessage = {
    channel,
    channelUserId: user,
    messageId: messageId ?? `m${++sequence}`,
    text: '',
    attachments: [],
    receivedAt: new Date(),
  };
  if (typeof message === 'string') return { ...base, text: message };
  if ('action' in message && Object.keys(message).length === 1) return { ...base, action: message.action };
  return { ...base, ...message };
}

export async function createHarness(overrides: Partial<ConversationEngineOptions> = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const answerer = new FakeAnswerer();
  const clock = new FakeClock();
  const build = (extra: Partial<ConversationEngineOptions>) =>
    createConversationEngine({
      store: createPrismaConversationStore(db.prisma),
      answerer,
      clock,
      addressForm: 'Bạn',
      ...overrides,
      ...extra,
    });
  const harness: Harness = {
    db,
    engine: build({}),
    answerer,
    clock,
    send: async (user, message, messageId) =>
      checkReplies(await harness.engine.handle(incoming(user, message, messageId))),
    restart(extra = {}) {
      harness.engine = build(extra);
    },
    close: () => db.close(),
  };
  return harness;
}

/** Every reply a resident may see is non-empty text, and every button fits Telegram's 64-byte callback_data. */
export function checkReplies(replies: OutgoingReply[]): OutgoingReply[] {
  for (const reply of replies) {
    if (typeof reply.text !== 'string' || reply.text.trim() === '') throw new Error('empty reply text');
    for (const q of reply.quickReplies) {
      const bytes = Buffer.byteLength(q.action, 'utf8');
      if (bytes < 1 || bytes > 64) throw new Error(`action "${q.action}" is ${bytes} bytes`);
      if (q.label.trim() === '') throw new Error('empty button label');
    }
  }
  return replies;
}

/**
 * A three-step intake as the tickets context would register it: kind (buttons) → description (text and photos)
 * → confirm. Creating the "ticket" is idempotent on the message key, like Ticket.sourceKey.
 */
export function createFakeIntake(created: Map<string, JsonObject>) {
  return defineDialogue({
    name: INTAKE_DIALOGUE,
    start: (_ctx, seed): DialogueTransition =>
      typeof seed.kind === 'string'
        ? {
            type: 'goto',
            step: 'description',
            data: { kind: seed.kind, description: seed.description ?? null, photos: 0 },
          }
        : { type: 'goto', step: 'kind', data: { photos: 0 } },
    steps: {
      kind: {
        prompt: () => ({
          text: 'Bạn muốn gửi loại nào?',
          choices: [
            { label: 'Phản ánh, kiến nghị', value: 'petition' },
            { label: 'Khiếu nại', value: 'complaint' },
          ],
        }),
        handle: (input, ctx) => ({
          type: 'goto',
          step: 'description',
          data: { ...ctx.data, kind: input.choice ?? '' },
        }),
      },
      description: {
        prompt: (ctx) => ({
          text:
            typeof ctx.data.description === 'string'
              ? `Nội dung: "${ctx.data.description}". Gửi thêm ảnh hoặc gõ "xong".`
              : 'Mời mô tả sự việc (có thể gửi kèm ảnh).',
          choices: typeof ctx.data.description === 'string' ? [{ label: 'Xong', value: 'done' }] : [],
        }),
        accepts: { text: true, attachments: ['photo'] },
        handle: (input, ctx) => {
          const photos = (ctx.data.photos as number) + input.attachments.length;
          if (input.choice === 'done') return { type: 'goto', step: 'confirm', data: { ...ctx.data, photos } };
          if (input.text === '') return { type: 'stay', data: { ...ctx.data, photos }, say: ['Đã nhận ảnh.'] };
          return { type: 'goto', step: 'confirm', data: { ...ctx.data, photos, description: input.text } };
        },
      },
      confirm: {
        prompt: (ctx) => ({
          text: `Xác nhận gửi: ${String(ctx.data.description)} (${String(ctx.data.photos)} ảnh)?`,
          choices: [
            { label: 'Gửi', value: 'yes' },
            { label: 'Sửa nội dung', value: 'edit' },
          ],
        }),
        handle: (input, ctx) => {
          if (input.choice === 'edit')
            return { type: 'goto', step: 'description', data: { ...ctx.data, description: null } };
          if (!created.has(ctx.messageKey)) created.set(ctx.messageKey, { ...ctx.data, residentId: ctx.resident.id });
          return { type: 'end', say: [`Đã tiếp nhận. Mã tra cứu: PA-2611-${String(created.size).padStart(5, '0')}X.`] };
        },
      },
    },
  });
}

/** Every text of the replies joined, for assertions. */
export function textOf(replies: OutgoingReply[]): string {
  return replies.map((r) => r.text).join('\n---\n');
}

export function actionsOf(replies: OutgoingReply[]): string[] {
  return replies.flatMap((r) => r.quickReplies.map((q) => q.action));
}

/** The action of the button whose label contains `label`. */
export function button(replies: OutgoingReply[], label: string): string {
  const found = replies.flatMap((r) => r.quickReplies).find((q) => q.label.includes(label));
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(replies.map((r) => r.quickReplies))}`);
  return found.action;
}

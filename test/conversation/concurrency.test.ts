// Dedupe, ordering and concurrency: a message is processed once, one resident's messages in order, residents in parallel,
// and two engines (two processes) on one database never lose an update.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type Answerer,
  type CommitResult,
  type ConversationStore,
  createConversationEngine,
  type JsonObject,
} from '../../src/conversation/index.js';
import type { Database } from '../../src/db/index.js';
import { createPrismaConversationStore } from '../../src/db/stores/conversation-store.js';
import { createTestDatabase } from '../support/database.js';
import { button, createFakeIntake, createHarness, FakeAnswerer, type Harness, incoming, textOf } from './harness.js';

/** Answers every question by quoting it, so each resident can check the answer is theirs. */
class EchoAnswerer implements Answerer {
  calls = 0;
  async ask(question: string) {
    this.calls++;
    // yield to the event loop so concurrent turns really interleave
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
    return {
      text: `Trả lời cho: ${question}`,
      abstained: false,
      aspect: 'none' as const,
      docCodes: ['X'],
      sources: [],
      focus: { code: 'X', title: 'Thủ tục X' },
    };
  }
}

/** A store (through the port) whose commits wait until `n` conversations were opened: forces two turns to race. */
function racingStore(inner: ConversationStore, n: number) {
  let opened = 0;
  let release: () => void = () => undefined;
  const allOpened = new Promise<void>((resolve) => {
    release = resolve;
  });
  const results: CommitResult['status'][] = [];
  const store: ConversationStore = {
    ...inner,
    async openConversation(input) {
      const result = await inner.openConversation(input);
      if (++opened >= n) release();
      return result;
    },
    async commit(input) {
      await allOpened;
      const result = await inner.commit(input);
      results.push(result.status);
      return result;
    },
  };
  return { store, results };
}

describe('one engine', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => h?.close());

  test('the same message delivered twice is processed once; the duplicate has no side effects', async () => {
    const first = await h.engine.process(incoming('dup', 'Xin cấp phép bay flycam?', 'same-1'));
    const calls = h.answerer.calls.length;
    const second = await h.engine.process(incoming('dup', 'Xin cấp phép bay flycam?', 'same-1'));
    expect(first.status).toBe('processed');
    expect(second).toEqual({ status: 'duplicate', replies: [], previousReplies: first.replies });
    expect(h.answerer.calls.length).toBe(calls);
    expect(await h.db.prisma.unansweredQuestion.count()).toBe(1);
    expect(await h.db.prisma.processedMessage.count({ where: { key: 'telegram:same-1' } })).toBe(1);
    // handle() returns nothing for the duplicate
    expect(await h.engine.handle(incoming('dup', 'Xin cấp phép bay flycam?', 'same-1'))).toEqual([]);
  });

  test('without the in-memory cache, a duplicate is caught by the database read', async () => {
    const engine = createConversationEngine({
      store: createPrismaConversationStore(h.db.prisma),
      answerer: h.answerer,
      maxCachedConversations: 0,
    });
    const first = await engine.process(incoming('dup-nocache', 'lệ phí khai sinh', 'nocache-1'));
    const calls = h.answerer.calls.length;
    const second = await engine.process(incoming('dup-nocache', 'lệ phí khai sinh', 'nocache-1'));
    expect(second).toEqual({ status: 'duplicate', replies: [], previousReplies: first.replies });
    expect(h.answerer.calls.length).toBe(calls);
    // and a restarted engine (empty cache) too
    h.restart();
    expect((await h.engine.process(incoming('dup', 'Xin cấp phép bay flycam?', 'same-1'))).status).toBe('duplicate');
  });

  test('five concurrent deliveries of one button press record one rating', async () => {
    const answer = await h.send('dup-rate', 'lệ phí khai sinh');
    const up = button(answer, '👍');
    const results = await Promise.all(
      Array.from({ length: 5 }, () => h.engine.process(incoming('dup-rate', { action: up }, 'press-1'))),
    );
    expect(results.map((r) => r.status).sort()).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
      'processed',
    ]);
    expect(await h.db.prisma.feedback.count({ where: { answerRef: up.split(':')[2] as string } })).toBe(1);
  });

  test('the same message id on another channel is a different message', async () => {
    await h.engine.process(incoming('chan', 'xin chào', 'shared-id', 'telegram'));
    const web = await h.engine.process(incoming('chan', 'xin chào', 'shared-id', 'web'));
    expect(web.status).toBe('processed');
  });
});

describe('many residents at once', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.close());

  test('50 concurrent residents each get exactly their own replies, their messages in order', async () => {
    const answerer = new EchoAnswerer();
    const created = new Map<string, JsonObject>();
    const engine = createConversationEngine({
      store: createPrismaConversationStore(db.prisma),
      answerer,
      dialogues: [createFakeIntake(created)],
    });
    const residents = Array.from({ length: 50 }, (_, i) => `r${i}`);
    const sends = residents.flatMap((user, i) => [
      engine.handle(incoming(user, `câu hỏi số ${i} về khai sinh`, `${user}-1`)),
      engine.handle(incoming(user, 'Tôi muốn gửi đơn', `${user}-2`)),
      engine.handle(incoming(user, 'Phản ánh, kiến nghị', `${user}-3`)),
      engine.handle(incoming(user, `Sự việc của người số ${i}`, `${user}-4`)),
    ]);
    const replies = await Promise.all(sends);
    residents.forEach((_user, i) => {
      const [answer, kind, description, confirm] = replies.slice(i * 4, i * 4 + 4);
      expect(textOf(answer ?? [])).toBe(`Trả lời cho: câu hỏi số ${i} về khai sinh`);
      expect(textOf(kind ?? [])).toContain('Bạn muốn gửi loại nào?');
      expect(textOf(description ?? [])).toContain('Mời mô tả sự việc');
      expect(textOf(confirm ?? [])).toBe(`Xác nhận gửi: Sự việc của người số ${i} (0 ảnh)?`);
    });
    const states = await db.prisma.conversationState.findMany({ include: { resident: true } });
    expect(states).toHaveLength(50);
    for (const s of states) {
      const i = s.resident.channelUserId.slice(1);
      expect(s).toMatchObject({ dialog: 'complaint-intake', step: 'confirm', version: 4 });
      expect(s.data).toMatchObject({ kind: 'petition', description: `Sự việc của người số ${i}` });
    }
    expect(answerer.calls).toBe(50);
    expect(await db.prisma.processedMessage.count()).toBe(200);
  });
});

describe('two engines on one database (two processes)', () => {
  test('ratings of two answers racing from two engines are both kept (optimistic version check)', async () => {
    const db = await createTestDatabase();
    try {
      const answerer = new FakeAnswerer();
      const base = createPrismaConversationStore(db.prisma);
      const setup = createConversationEngine({ store: base, answerer });
      const a1 = await setup.handle(incoming('race', 'lệ phí khai sinh'));
      const a2 = await setup.handle(incoming('race', 'hồ sơ kết hôn'));
      const { store, results } = racingStore(base, 2);
      const engineA = createConversationEngine({ store, answerer });
      const engineB = createConversationEngine({ store, answerer });
      const [ra, rb] = await Promise.all([
        engineA.process(incoming('race', { action: button(a1, '👍') })),
        engineB.process(incoming('race', { action: button(a2, '👍') })),
      ]);
      expect([ra.status, rb.status]).toEqual(['processed', 'processed']);
      expect(results).toContain('conflict');
      expect(await db.prisma.feedback.count()).toBe(2);
      const state = await db.prisma.conversationState.findFirstOrThrow();
      const rated = (state.context as { answers: Array<{ rated?: string }> }).answers.map((a) => a.rated);
      expect(rated).toEqual(['up', 'up']);
      // the redo saw the other engine's change: rating again is refused
      expect(textOf(await setup.handle(incoming('race', { action: button(a1, '👍') })))).toContain('đã đánh giá');
    } finally {
      await db.close();
    }
  });

  test('an engine whose remembered state is stale notices (version check) and carries on from the database', async () => {
    const db = await createTestDatabase();
    try {
      const answerer = new FakeAnswerer();
      const created = new Map<string, JsonObject>();
      const options = { answerer, dialogues: [createFakeIntake(created)] };
      const engineA = createConversationEngine({ store: createPrismaConversationStore(db.prisma), ...options });
      const engineB = createConversationEngine({ store: createPrismaConversationStore(db.prisma), ...options });
      await engineA.handle(incoming('stale', 'lệ phí khai sinh'));
      // another process takes the resident into the intake meanwhile
      await engineB.handle(incoming('stale', 'Tôi muốn gửi đơn'));
      // even a turn that would change nothing (a greeting) must see that the resident is in a dialogue now
      const hello = await engineA.handle(incoming('stale', 'xin chào'));
      expect(textOf(hello)).toContain('Mời chọn một trong các lựa chọn');
      expect(textOf(hello)).not.toContain('Xin chào bạn');
      const replies = await engineA.handle(incoming('stale', 'Khiếu nại'));
      expect(textOf(replies)).toContain('Mời mô tả sự việc');
      const state = await db.prisma.conversationState.findFirstOrThrow();
      expect(state).toMatchObject({ dialog: 'complaint-intake', step: 'description', data: { kind: 'complaint' } });
    } finally {
      await db.close();
    }
  });

  test('one message delivered to two engines at once is committed by one of them only', async () => {
    const db = await createTestDatabase();
    try {
      const answerer = new FakeAnswerer();
      const { store } = racingStore(createPrismaConversationStore(db.prisma), 2);
      const engineA = createConversationEngine({ store, answerer });
      const engineB = createConversationEngine({ store, answerer });
      const message = incoming('twice', 'Xin cấp phép bay flycam?', 'redelivered');
      const results = await Promise.all([engineA.process(message), engineB.process(message)]);
      expect(results.map((r) => r.status).sort()).toEqual(['duplicate', 'processed']);
      expect(await db.prisma.unansweredQuestion.count()).toBe(1);
      expect(await db.prisma.processedMessage.count()).toBe(1);
      expect(await db.prisma.resident.count()).toBe(1);
    } finally {
      await db.close();
    }
  });
});

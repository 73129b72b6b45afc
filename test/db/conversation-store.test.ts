// The Prisma ConversationStore, on PGlite and on the machine's PostgreSQL: atomic commit, dedupe, version check, erasure.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CommitInput, ConversationStore, StoreEffect } from '../../src/conversation/index.js';
import type { Database } from '../../src/db/index.js';
import { createPrismaConversationStore } from '../../src/db/stores/conversation-store.js';
import { createPostgresTestDatabase, createTestDatabase, postgresAvailable } from '../support/database.js';

const postgres = await postgresAvailable();
if ('reason' in postgres) console.log(`PostgreSQL conversation store suite skipped: ${postgres.reason}`);

// the embedded database is tested both through Prisma and with the direct statements the service uses
const backends: Array<[string, () => Promise<{ db: Database; close: () => Promise<void> }>, boolean, boolean]> = [
  [
    'PGlite through Prisma',
    async () => {
      const db = await createTestDatabase();
      return { db, close: () => db.close() };
    },
    true,
    false,
  ],
  [
    'PGlite, direct statements',
    async () => {
      const db = await createTestDatabase();
      return { db, close: () => db.close() };
    },
    true,
    true,
  ],
  [
    'PostgreSQL',
    async () => {
      const { db, drop } = await createPostgresTestDatabase((postgres as { url: string }).url);
      return { db, close: drop };
    },
    'url' in postgres,
    false,
  ],
];

const now = new Date('2026-11-25T08:00:00.000Z');
let counter = 0;

describe.each(backends)('ConversationStore on %s', (_name, open, available, direct) => {
  let db: Database;
  let close: () => Promise<void>;
  let store: ConversationStore;

  beforeAll(async () => {
    if (!available) return;
    ({ db, close } = await open());
    store = createPrismaConversationStore(db.prisma, direct ? { pglite: db.pglite } : {});
  });
  afterAll(async () => close?.());

  async function openFor(user: string, key = `k${++counter}`) {
    return store.openConversation({ channel: 'telegram', channelUserId: user, messageKey: key, now });
  }

  function commit(residentId: number, key: string, extra: Partial<CommitInput> = {}) {
    return store.commit({
      messageKey: key,
      residentId,
      expectedVersion: 0,
      stateExists: false,
      replies: [{ text: 'Chào', quickReplies: [], attachments: [] }],
      effects: [],
      now,
      ...extra,
    });
  }

  const state = (step: string) => ({
    dialog: 'd',
    step,
    data: { n: step },
    context: { focus: { code: 'C', title: 'T', at: now.toISOString() } },
  });

  test.runIf(available)('one resident per channel user, created once even when opened concurrently', async () => {
    const opened = await Promise.all(Array.from({ length: 8 }, () => openFor('same')));
    expect(new Set(opened.map((o) => o.residentId)).size).toBe(1);
    expect(opened[0]).toMatchObject({ stateExists: false, state: { dialog: null, version: 0 } });
    const other = await store.openConversation({ channel: 'web', channelUserId: 'same', messageKey: 'x', now });
    expect(other.residentId).not.toBe(opened[0]?.residentId);
  });

  test.runIf(available)(
    'commit writes state, replies and effects; a second commit with the key is a duplicate',
    async () => {
      const { residentId } = await openFor('c1');
      const effects: StoreEffect[] = [
        { type: 'feedback', answerRef: 'ref1', rating: 'down', question: 'q', answer: 'a', docCodes: ['1.1', '2.2'] },
        {
          type: 'queue-question',
          answerRef: 'ref1',
          channel: 'telegram',
          question: 'q',
          reason: 'thumbs_down',
          docCodes: ['1.1'],
        },
      ];
      expect(await commit(residentId, 'c1-1', { nextState: state('a'), effects })).toEqual({ status: 'committed' });
      expect(await commit(residentId, 'c1-1', { nextState: state('b'), effects })).toEqual({ status: 'duplicate' });
      const reopened = await openFor('c1', 'c1-2');
      expect(reopened).toMatchObject({ stateExists: true, state: { step: 'a', version: 1, data: { n: 'a' } } });
      expect(await db.prisma.feedback.findMany({ where: { residentId } })).toMatchObject([
        { answerRef: 'ref1', rating: 'down', docCodes: ['1.1', '2.2'], createdAt: now },
      ]);
      expect(await db.prisma.unansweredQuestion.count({ where: { residentId } })).toBe(1);
      const seen = await openFor('c1', 'c1-1');
      expect(seen.alreadyProcessed).toEqual({ replies: [{ text: 'Chào', quickReplies: [], attachments: [] }] });
      expect(await store.findProcessed('c1-1')).toEqual(seen.alreadyProcessed);
    },
  );

  test.runIf(available)('a stale version is a conflict and writes nothing, processed mark included', async () => {
    const { residentId } = await openFor('c2');
    await commit(residentId, 'c2-1', { nextState: state('a') });
    await commit(residentId, 'c2-2', { nextState: state('b'), stateExists: true, expectedVersion: 1 });
    const stale = await commit(residentId, 'c2-3', {
      nextState: state('stale'),
      stateExists: true,
      expectedVersion: 1,
      effects: [{ type: 'queue-question', channel: 'telegram', question: 'lost?', reason: 'abstain', docCodes: [] }],
    });
    expect(stale).toEqual({ status: 'conflict' });
    expect(await store.findProcessed('c2-3')).toBeUndefined();
    expect(await db.prisma.unansweredQuestion.count({ where: { question: 'lost?' } })).toBe(0);
    expect((await openFor('c2')).state).toMatchObject({ step: 'b', version: 2 });
  });

  test.runIf(available)('a state row created meanwhile is a conflict for a writer that saw none', async () => {
    const { residentId } = await openFor('c3');
    await commit(residentId, 'c3-1', { nextState: state('a') });
    expect(await commit(residentId, 'c3-2', { nextState: state('b'), stateExists: false })).toEqual({
      status: 'conflict',
    });
  });

  test.runIf(available)('a turn that changes no state needs no version', async () => {
    const { residentId } = await openFor('c4');
    await commit(residentId, 'c4-1', { nextState: state('a') });
    expect(await commit(residentId, 'c4-2', { expectedVersion: 99, stateExists: true })).toEqual({
      status: 'committed',
    });
  });

  test.runIf(available)('feedback details and escalation find the rows of their answer', async () => {
    const { residentId } = await openFor('c5');
    await commit(residentId, 'c5-1', {
      effects: [
        { type: 'feedback', answerRef: 'r', rating: 'down', question: 'q', answer: 'a', docCodes: [] },
        { type: 'queue-question', answerRef: 'r', channel: 'web', question: 'q', reason: 'abstain', docCodes: [] },
      ],
    });
    await commit(residentId, 'c5-2', {
      effects: [
        { type: 'feedback-detail', answerRef: 'r', reason: 'other', comment: 'thiếu' },
        { type: 'escalate-question', answerRef: 'r', channel: 'web', question: 'q', docCodes: [] },
        { type: 'escalate-question', answerRef: 'new', channel: 'web', question: 'q2', docCodes: ['9'] },
      ],
    });
    expect(await db.prisma.feedback.findMany({ where: { residentId } })).toMatchObject([
      { reason: 'other', comment: 'thiếu' },
    ]);
    const queue = await db.prisma.unansweredQuestion.findMany({ where: { residentId }, orderBy: { id: 'asc' } });
    expect(queue).toMatchObject([
      { answerRef: 'r', reason: 'staff_requested', question: 'q' },
      { answerRef: 'new', reason: 'staff_requested', question: 'q2', docCodes: ['9'] },
    ]);
  });

  test.runIf(available)('describeResidentData counts what is held', async () => {
    const { residentId } = await openFor('c6');
    await commit(residentId, 'c6-1', {
      nextState: { dialog: null, step: null, data: {}, context: { answers: [] } },
      effects: [
        { type: 'feedback', answerRef: 'a', rating: 'up', question: 'q', answer: 'a', docCodes: [] },
        { type: 'queue-question', channel: 'telegram', question: 'q', reason: 'abstain', docCodes: [] },
      ],
    });
    expect(await store.describeResidentData(residentId)).toEqual({
      hasResident: true,
      hasConversationState: true,
      recentQuestions: 0,
      feedback: 1,
      feedbackComments: 0,
      queuedQuestions: 1,
      processedMessages: 1,
    });
  });

  test.runIf(available)('erasure deletes the resident, or keeps only its identity when asked', async () => {
    for (const keepIdentity of [false, true]) {
      const user = `erase-${keepIdentity}`;
      const { residentId } = await openFor(user);
      await commit(residentId, `${user}-1`, {
        nextState: state('a'),
        effects: [
          { type: 'feedback', answerRef: 'a', rating: 'down', question: 'bí mật', answer: 'x', docCodes: [] },
          { type: 'feedback-detail', answerRef: 'a', reason: 'other', comment: 'số nhà 12' },
          { type: 'queue-question', channel: 'telegram', question: 'bí mật', reason: 'abstain', docCodes: [] },
        ],
      });
      await commit(residentId, `${user}-1b`, {
        effects: [{ type: 'feedback-detail', answerRef: 'a', reason: 'other', comment: 'số nhà 12' }],
      });
      const result = await commit(residentId, `${user}-2`, {
        nextState: state('ignored'),
        stateExists: true,
        expectedVersion: 1,
        effects: [{ type: 'erase-resident', keepIdentity }],
      });
      expect(result).toEqual({ status: 'committed' });
      expect(await db.prisma.resident.count({ where: { id: residentId } })).toBe(keepIdentity ? 1 : 0);
      expect(await db.prisma.conversationState.count({ where: { residentId } })).toBe(0);
      const dump = JSON.stringify([
        await db.prisma.feedback.findMany(),
        await db.prisma.unansweredQuestion.findMany(),
        await db.prisma.processedMessage.findMany(),
      ]);
      expect(dump).not.toContain('bí mật');
      expect(dump).not.toContain('số nhà 12');
      expect(await db.prisma.unansweredQuestion.count({ where: { residentId } })).toBe(0);
      expect(
        await db.prisma.unansweredQuestion.count({ where: { status: 'dismissed', question: '' } }),
      ).toBeGreaterThan(0);
    }
  });

  test.runIf(available)('old dedupe records can be pruned', async () => {
    const { residentId } = await openFor('c7');
    await commit(residentId, 'c7-1');
    expect(await store.pruneProcessedMessages(new Date(now.getTime() - 1000))).toBe(0);
    expect(await store.pruneProcessedMessages(new Date(now.getTime() + 1000))).toBeGreaterThan(0);
    expect(await store.findProcessed('c7-1')).toBeUndefined();
  });
});

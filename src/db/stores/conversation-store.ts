// Prisma-backed ConversationStore: Resident, ConversationState, ProcessedMessage, Feedback, UnansweredQuestion.

import type { PGlite } from '@electric-sql/pglite';
import type {
  CommitInput,
  CommitResult,
  ConversationContext,
  ConversationSnapshot,
  ConversationStore,
  JsonObject,
  OpenedConversation,
  ResidentDataSummary,
  StoreEffect,
} from '../../conversation/index.js';
import type { OutgoingReply } from '../../conversation/types.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../open-database.js';
import { createRawQuery, type RawQuery } from './raw-query.js';

type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/** Every turn's commit is a handful of small statements; PGlite runs one transaction at a time, so allow a queue. */
const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 30_000 };

class Rollback extends Error {
  constructor(readonly outcome: 'duplicate' | 'conflict') {
    super(outcome);
  }
}

function json(value: unknown): Prisma.InputJsonValue {
  // drops undefined values, which a JSONB column cannot hold
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idleState(): ConversationSnapshot {
  return { dialog: null, step: null, data: {}, context: {}, version: 0 };
}

/** The PostgreSQL SQLSTATE behind a Prisma or driver error, when there is one. */
function sqlStateOf(error: unknown): string | undefined {
  const e = error as {
    code?: unknown;
    meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } };
    cause?: { code?: unknown; originalCode?: unknown };
  } | null;
  const prismaCodes: Record<string, string> = { P2002: '23505', P2003: '23503', P2011: '23502' };
  const candidates = [
    e?.meta?.driverAdapterError?.cause?.originalCode,
    e?.meta?.code,
    e?.cause?.originalCode,
    e?.cause?.code,
    e?.code,
  ];
  for (const c of candidates) {
    if (typeof c !== 'string') continue;
    if (/^[0-9A-Z]{5}$/.test(c) && !c.startsWith('P')) return c;
    if (prismaCodes[c]) return prismaCodes[c];
  }
  return undefined;
}

/** Timestamps go in as ISO text cast to TIMESTAMP(3): UTC, as Prisma itself stores DateTime. */
function timestamp(date: Date): string {
  return date.toISOString();
}

interface OpenRow {
  id: number | null;
  dialog: string | null;
  step: string | null;
  data: unknown;
  context: unknown;
  version: number | null;
  prior: unknown;
  priorKey: string | null;
}

async function applyEffect(tx: Tx, residentId: number, effect: StoreEffect, now: Date): Promise<void> {
  switch (effect.type) {
    case 'feedback':
      await tx.feedback.create({
        data: {
          residentId,
          answerRef: effect.answerRef,
          rating: effect.rating,
          question: effect.question,
          answer: effect.answer,
          docCodes: effect.docCodes,
          createdAt: now,
        },
      });
      return;
    case 'feedback-detail':
      await tx.feedback.updateMany({
        where: { residentId, answerRef: effect.answerRef },
        data: { reason: effect.reason, comment: effect.comment ?? null },
      });
      return;
    case 'queue-question':
      await tx.unansweredQuestion.create({
        data: {
          residentId,
          channel: effect.channel,
          question: effect.question,
          reason: effect.reason,
          docCodes: effect.docCodes,
          answerRef: effect.answerRef ?? null,
          createdAt: now,
        },
      });
      return;
    case 'escalate-question': {
      const updated = await tx.unansweredQuestion.updateMany({
        where: { residentId, answerRef: effect.answerRef },
        data: { reason: 'staff_requested', ...(effect.ticketCode ? { ticketCode: effect.ticketCode } : {}) },
      });
      if (updated.count === 0) {
        await tx.unansweredQuestion.create({
          data: {
            residentId,
            channel: effect.channel,
            question: effect.question,
            reason: 'staff_requested',
            docCodes: effect.docCodes,
            answerRef: effect.answerRef,
            ticketCode: effect.ticketCode ?? null,
            createdAt: now,
          },
        });
      }
      return;
    }
    case 'erase-resident':
      await eraseResident(tx, residentId, effect.keepIdentity, now);
      return;
  }
}

/** Erases what this store holds about a resident; the non-personal facts (that a question was queued) stay. */
async function eraseResident(tx: Tx, residentId: number, keepIdentity: boolean, now: Date): Promise<void> {
  await tx.unansweredQuestion.updateMany({
    where: { residentId, status: 'open' },
    data: { status: 'dismissed', resolvedAt: now, staffNote: 'Người dân yêu cầu xóa dữ liệu' },
  });
  await tx.unansweredQuestion.updateMany({ where: { residentId }, data: { question: '', residentId: null } });
  await tx.processedMessage.updateMany({
    where: { residentId },
    data: { replies: [], residentId: keepIdentity ? residentId : null },
  });
  await tx.conversationState.deleteMany({ where: { residentId } });
  if (keepIdentity) {
    await tx.feedback.updateMany({ where: { residentId }, data: { question: '', answer: '', comment: null } });
    await tx.resident.updateMany({ where: { id: residentId }, data: { displayName: null } });
  } else {
    // cascades to feedback, state and consents; tickets keep their facts with residentId set to null
    await tx.resident.deleteMany({ where: { id: residentId } });
  }
}

/**
 * The hot path: the whole commit as ONE statement of data-modifying CTEs, atomic by itself and one round trip
 * (an interactive transaction costs several round trips and holds PGlite's only connection meanwhile).
 * Everything hangs off `pm`: when the message key was already recorded nothing else is written.
 */
async function commitInOneStatement(raw: RawQuery, input: CommitInput): Promise<CommitResult> {
  const { residentId, nextState } = input;
  const now = timestamp(input.now);
  const parts: Prisma.Sql[] = [
    Prisma.sql`pm AS (
      INSERT INTO "ProcessedMessage" ("key", "residentId", "replies", "processedAt")
      VALUES (${input.messageKey}, ${residentId}, ${JSON.stringify(input.replies)}::jsonb, ${now}::timestamp(3))
      ON CONFLICT ("key") DO NOTHING RETURNING "key")`,
    // lastSeenAt only serves retention: refresh it at most hourly rather than rewrite the row on every message
    Prisma.sql`seen AS (
      UPDATE "Resident" SET "lastSeenAt" = ${now}::timestamp(3)
      WHERE "id" = ${residentId} AND "lastSeenAt" < ${now}::timestamp(3) - interval '1 hour' AND EXISTS (SELECT 1 FROM pm))`,
  ];
  if (nextState) {
    // A stale expected version makes "version" NULL, which NOT NULL refuses (23502): the whole statement,
    // processed mark included, rolls back and the engine redoes the turn on fresh state.
    parts.push(Prisma.sql`st AS (
      INSERT INTO "ConversationState" ("residentId", "dialog", "step", "data", "context", "version", "updatedAt")
      SELECT ${residentId}, ${nextState.dialog}::text, ${nextState.step}::text, ${JSON.stringify(nextState.data)}::jsonb,
             ${JSON.stringify(nextState.context)}::jsonb, 1, ${now}::timestamp(3)
      FROM pm
      ON CONFLICT ("residentId") DO UPDATE SET
        "dialog" = EXCLUDED."dialog", "step" = EXCLUDED."step", "data" = EXCLUDED."data",
        "context" = EXCLUDED."context", "updatedAt" = EXCLUDED."updatedAt",
        "version" = CASE WHEN "ConversationState"."version" = ${input.expectedVersion}::int
                         THEN "ConversationState"."version" + 1 END
      RETURNING "version")`);
  }
  const of = <T extends StoreEffect['type']>(type: T) =>
    input.effects.filter((e): e is Extract<StoreEffect, { type: T }> => e.type === type);
  const feedback = of('feedback');
  if (feedback.length > 0) {
    parts.push(Prisma.sql`fb AS (
      INSERT INTO "Feedback" ("residentId", "answerRef", "rating", "question", "answer", "docCodes", "createdAt")
      SELECT ${residentId}, x."answerRef", x."rating", x."question", x."answer", x."docCodes", ${now}::timestamp(3)
      FROM pm, jsonb_to_recordset(${JSON.stringify(feedback)}::jsonb)
        AS x("answerRef" text, "rating" text, "question" text, "answer" text, "docCodes" text[]))`);
  }
  const details = of('feedback-detail');
  if (details.length > 0) {
    parts.push(Prisma.sql`fd AS (
      UPDATE "Feedback" f SET "reason" = d."reason", "comment" = d."comment"
      FROM pm, jsonb_to_recordset(${JSON.stringify(details)}::jsonb) AS d("answerRef" text, "reason" text, "comment" text)
      WHERE f."residentId" = ${residentId} AND f."answerRef" = d."answerRef")`);
  }
  const queued = of('queue-question');
  if (queued.length > 0) {
    parts.push(Prisma.sql`qq AS (
      INSERT INTO "UnansweredQuestion" ("residentId", "channel", "question", "reason", "docCodes", "answerRef", "createdAt")
      SELECT ${residentId}, q."channel", q."question", q."reason", q."docCodes", q."answerRef", ${now}::timestamp(3)
      FROM pm, jsonb_to_recordset(${JSON.stringify(queued)}::jsonb)
        AS q("channel" text, "question" text, "reason" text, "docCodes" text[], "answerRef" text))`);
  }
  const escalated = of('escalate-question');
  if (escalated.length > 0) {
    const rows = JSON.stringify(escalated);
    parts.push(Prisma.sql`eu AS (
      UPDATE "UnansweredQuestion" u SET "reason" = 'staff_requested', "ticketCode" = COALESCE(e."ticketCode", u."ticketCode")
      FROM pm, jsonb_to_recordset(${rows}::jsonb) AS e("answerRef" text, "ticketCode" text)
      WHERE u."residentId" = ${residentId} AND u."answerRef" = e."answerRef"
      RETURNING u."answerRef")`);
    parts.push(Prisma.sql`ei AS (
      INSERT INTO "UnansweredQuestion" ("residentId", "channel", "question", "reason", "docCodes", "answerRef", "ticketCode", "createdAt")
      SELECT ${residentId}, e."channel", e."question", 'staff_requested', e."docCodes", e."answerRef", e."ticketCode", ${now}::timestamp(3)
      FROM pm, jsonb_to_recordset(${rows}::jsonb)
        AS e("channel" text, "question" text, "docCodes" text[], "answerRef" text, "ticketCode" text)
      WHERE NOT EXISTS (SELECT 1 FROM eu WHERE eu."answerRef" = e."answerRef"))`);
  }
  const rows = await raw<{ recorded: number }>(Prisma.sql`
    WITH ${Prisma.join(parts, ',\n')}
    SELECT (SELECT count(*) FROM pm)::int AS "recorded"`);
  return rows[0]?.recorded === 1 ? { status: 'committed' } : { status: 'duplicate' };
}

/** The rare path (erasure touches many rows of several tables): an interactive transaction. */
async function commitInTransaction(prisma: PrismaClient, input: CommitInput): Promise<CommitResult> {
  const { residentId, now, nextState } = input;
  return prisma.$transaction(async (tx) => {
    const recorded = await tx.processedMessage.createMany({
      data: [{ key: input.messageKey, residentId, replies: json(input.replies), processedAt: now }],
      skipDuplicates: true,
    });
    if (recorded.count === 0) throw new Rollback('duplicate');
    if (nextState) {
      const values = {
        dialog: nextState.dialog,
        step: nextState.step,
        data: json(nextState.data),
        context: json(nextState.context),
        updatedAt: now,
      };
      const written = input.stateExists
        ? await tx.conversationState.updateMany({
            where: { residentId, version: input.expectedVersion },
            data: { ...values, version: { increment: 1 } },
          })
        : await tx.conversationState.createMany({
            data: [{ residentId, ...values, version: 1 }],
            skipDuplicates: true,
          });
      if (written.count === 0) throw new Rollback('conflict');
    }
    await tx.resident.updateMany({ where: { id: residentId }, data: { lastSeenAt: now } });
    for (const effect of input.effects) await applyEffect(tx, residentId, effect, now);
    return { status: 'committed' } as const;
  }, TRANSACTION_OPTIONS);
}

/** The conversation store over Prisma (PGlite or PostgreSQL). */
export function createPrismaConversationStore(
  prisma: PrismaClient,
  options: { pglite?: PGlite | undefined } = {},
): ConversationStore {
  const raw = createRawQuery(prisma, options.pglite);
  return {
    async findProcessed(messageKey) {
      const row = await prisma.processedMessage.findUnique({ where: { key: messageKey }, select: { replies: true } });
      if (!row) return undefined;
      return { replies: Array.isArray(row.replies) ? (row.replies as unknown as OutgoingReply[]) : [] };
    },

    async openConversation({ channel, channelUserId, messageKey, now }): Promise<OpenedConversation> {
      // one round trip on the hot path: resident, state and the dedupe record together
      const read = () =>
        raw<OpenRow>(Prisma.sql`
        SELECT r."id", s."dialog", s."step", s."data", s."context", s."version", p."replies" AS "prior", p."key" AS "priorKey"
        FROM (SELECT 1) AS one
        LEFT JOIN "Resident" r ON r."channel" = ${channel} AND r."channelUserId" = ${channelUserId}
        LEFT JOIN "ConversationState" s ON s."residentId" = r."id"
        LEFT JOIN "ProcessedMessage" p ON p."key" = ${messageKey}`);
      let row = (await read())[0] as OpenRow;
      if (row.priorKey !== null) {
        return {
          residentId: row.id ?? 0,
          state: idleState(),
          stateExists: false,
          alreadyProcessed: { replies: Array.isArray(row.prior) ? (row.prior as OutgoingReply[]) : [] },
        };
      }
      if (row.id === null) {
        // another process may create the same resident at the same moment: insert-or-ignore, then read again
        await raw(Prisma.sql`
          INSERT INTO "Resident" ("channel", "channelUserId", "createdAt", "lastSeenAt")
          VALUES (${channel}, ${channelUserId}, ${timestamp(now)}::timestamp(3), ${timestamp(now)}::timestamp(3))
          ON CONFLICT ("channel", "channelUserId") DO NOTHING`);
        row = (await read())[0] as OpenRow;
      }
      const residentId = row.id as number;
      if (row.version === null) return { residentId, state: idleState(), stateExists: false };
      return {
        residentId,
        stateExists: true,
        state: {
          dialog: row.dialog,
          step: row.step,
          data: isObject(row.data) ? (row.data as JsonObject) : {},
          context: isObject(row.context) ? (row.context as ConversationContext) : {},
          version: row.version,
        },
      };
    },

    async commit(input: CommitInput): Promise<CommitResult> {
      try {
        if (input.effects.some((e) => e.type === 'erase-resident')) return await commitInTransaction(prisma, input);
        return await commitInOneStatement(raw, input);
      } catch (error) {
        if (error instanceof Rollback) return { status: error.outcome };
        const code = sqlStateOf(error);
        // 23502: the version guard below turned a stale write into NULL; 23505: a state row appeared meanwhile;
        // 23503: the resident was erased by another process between open and commit. All mean: redo from the start.
        if (code === '23502' || code === '23505' || code === '23503') return { status: 'conflict' };
        throw error;
      }
    },
    async describeResidentData(residentId): Promise<ResidentDataSummary> {
      const [resident, state, feedback, feedbackComments, queuedQuestions, processedMessages] = await Promise.all([
        prisma.resident.count({ where: { id: residentId } }),
        prisma.conversationState.findUnique({ where: { residentId }, select: { dialog: true, context: true } }),
        prisma.feedback.count({ where: { residentId } }),
        prisma.feedback.count({ where: { residentId, comment: { not: null } } }),
        prisma.unansweredQuestion.count({ where: { residentId } }),
        prisma.processedMessage.count({ where: { residentId } }),
      ]);
      const context = isObject(state?.context) ? (state.context as ConversationContext) : {};
      const recentQuestions = context.answers?.length ?? 0;
      return {
        hasResident: resident > 0,
        hasConversationState: state !== null && (state.dialog !== null || Object.keys(context).length > 0),
        recentQuestions,
        feedback,
        feedbackComments,
        queuedQuestions,
        processedMessages,
      };
    },

    async pruneProcessedMessages(before) {
      const { count } = await prisma.processedMessage.deleteMany({ where: { processedAt: { lt: before } } });
      return count;
    },
  };
}

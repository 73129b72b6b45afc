// The staff side of the unanswered-questions queue: reads what abstentions and 👎 wrote, and closes entries.
// (The conversation store writes the queue; nothing here touches who asked.)
import { AppError } from '../../shared/errors.js';
import type { NewOutboxMessage } from '../../tickets/types.js';
import { auditSealerOf } from '../audit-seal.js';
import type { PrismaClient } from '../open-database.js';
import { appendAuditRow } from './audit-store.js';

export const QUESTION_STATUSES = ['open', 'answered', 'dismissed'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** One queued question as staff see it: what was asked and why it is here, never who asked. */
export interface QueuedQuestion {
  id: number;
  createdAt: Date;
  channel: string;
  /** The resident's own question ('' when they had their data erased). */
  question: string;
  /** abstain | thumbs_down | staff_requested | error */
  reason: string;
  status: string;
  /** Documents the answer drew on. */
  docCodes: string[];
  /** The resident's 👎 on that answer, when there was one: the reason they picked and their own words. */
  thumbsDown: { reason: string | null; comment: string | null } | null;
  staffNote: string | null;
  resolvedAt: Date | null;
  /** The ticket (kind question) it was handed to staff as, when the resident asked for a person. */
  ticketCode: string | null;
  /** The answer staff wrote in the console. */
  staffAnswer: string | null;
  /** The FAQ entry (knowledge-base document code) the answer became, while it is published. */
  faqCode: string | null;
}

export const QUESTION_REASONS = ['abstain', 'thumbs_down', 'staff_requested', 'error'] as const;
export type QuestionReason = (typeof QUESTION_REASONS)[number];

export interface QuestionFilter {
  statuses?: QuestionStatus[] | undefined;
  reasons?: QuestionReason[] | undefined;
}

export interface UnansweredQuestionStore {
  /** Newest first. */
  list(options: QuestionFilter & { limit: number; offset?: number | undefined }): Promise<QueuedQuestion[]>;
  count(filter: QuestionFilter): Promise<number>;
  /** One entry, with the bot's earlier answer when the resident rated it (abstentions have none kept). */
  get(id: number): Promise<(QueuedQuestion & { botAnswer: string | null }) | null>;
  /**
   * Where the answer goes: the asker's channel and channel user id, read only to queue the answer in the outbox
   * (null when the resident is gone or erased their data).
   */
  recipientOf(id: number): Promise<{ channel: string; channelUserId: string } | null>;
  /**
   * Closes an open entry as answered with staff's answer, queues `outbox` (the answer to the resident) in the same
   * transaction, and audits it; NOT_FOUND / CONFLICT as `resolve`. Returns whether a message was queued.
   */
  answer(options: {
    id: number;
    answer: string;
    outbox: NewOutboxMessage | null;
    now: Date;
    actor: string;
  }): Promise<{ question: QueuedQuestion; queued: boolean }>;
  /** Records that the answer became FAQ entry `faqCode` (or, with null, that the entry was withdrawn), audited. */
  setFaq(options: { id: number; faqCode: string | null; now: Date; actor: string }): Promise<void>;
  /** The entry whose answer became FAQ entry `faqCode`. */
  findByFaq(faqCode: string): Promise<QueuedQuestion | null>;
  /**
   * Closes an open entry as answered or dismissed, and records who did in the audit trail (that a note was
   * written, not its words: the trail is never erased); NOT_FOUND for an unknown id, CONFLICT when already closed.
   */
  resolve(options: {
    id: number;
    status: Exclude<QuestionStatus, 'open'>;
    note?: string | undefined;
    now: Date;
    /** Who closes it, as the audit trail labels actors ("officer:can.bo.a"). */
    actor: string;
  }): Promise<QueuedQuestion>;
}

const SELECT = {
  id: true,
  createdAt: true,
  channel: true,
  question: true,
  reason: true,
  status: true,
  docCodes: true,
  staffNote: true,
  resolvedAt: true,
  ticketCode: true,
  staffAnswer: true,
  faqCode: true,
  // read only to find the 👎 given on the same answer; never returned
  residentId: true,
  answerRef: true,
} as const;

export function createPrismaUnansweredQuestionStore(prisma: PrismaClient): UnansweredQuestionStore {
  const withFeedback = async (
    rows: Array<Omit<QueuedQuestion, 'thumbsDown'> & { residentId: number | null; answerRef: string | null }>,
  ): Promise<QueuedQuestion[]> => {
    const pairs = rows.flatMap((r) =>
      r.residentId !== null && r.answerRef !== null ? [{ residentId: r.residentId, answerRef: r.answerRef }] : [],
    );
    const feedback =
      pairs.length === 0
        ? []
        : await prisma.feedback.findMany({
            where: { rating: 'down', OR: pairs },
            select: { residentId: true, answerRef: true, reason: true, comment: true },
          });
    const byAnswer = new Map(feedback.map((f) => [`${f.residentId}:${f.answerRef}`, f]));
    return rows.map(({ residentId, answerRef, ...row }) => {
      const down = residentId !== null && answerRef !== null ? byAnswer.get(`${residentId}:${answerRef}`) : undefined;
      return { ...row, thumbsDown: down ? { reason: down.reason, comment: down.comment } : null };
    });
  };

  const whereOf = ({ statuses, reasons }: QuestionFilter) => ({
    ...(statuses ? { status: { in: statuses } } : {}),
    ...(reasons ? { reason: { in: reasons } } : {}),
  });
  const closeOpen = async (
    tx: Parameters<Parameters<PrismaClient['$transaction']>[0]>[0],
    id: number,
    data: { status: Exclude<QuestionStatus, 'open'>; resolvedAt: Date; staffNote?: string; staffAnswer?: string },
  ) => {
    const updated = await tx.unansweredQuestion.updateMany({ where: { id, status: 'open' }, data });
    const found = await tx.unansweredQuestion.findUnique({ where: { id }, select: SELECT });
    if (!found)
      throw new AppError('NOT_FOUND', `No unanswered question ${id}`, {
        userMessage: `Không có câu hỏi số ${id} trong danh sách chờ.`,
      });
    if (updated.count === 0)
      throw new AppError('CONFLICT', `Unanswered question ${id} is ${found.status}`, {
        userMessage: `Câu hỏi số ${id} đã được xử lý trước đó (${found.status}).`,
      });
    return found;
  };

  return {
    async list({ limit, offset, ...filter }) {
      const rows = await prisma.unansweredQuestion.findMany({
        where: whereOf(filter),
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit,
        ...(offset ? { skip: offset } : {}),
        select: SELECT,
      });
      return withFeedback(rows);
    },

    count(filter) {
      return prisma.unansweredQuestion.count({ where: whereOf(filter) });
    },

    async get(id) {
      const row = await prisma.unansweredQuestion.findUnique({ where: { id }, select: SELECT });
      if (!row) return null;
      const bot =
        row.residentId !== null && row.answerRef !== null
          ? await prisma.feedback.findFirst({
              where: { residentId: row.residentId, answerRef: row.answerRef },
              select: { answer: true },
            })
          : null;
      const [question] = await withFeedback([row]);
      return { ...(question as QueuedQuestion), botAnswer: bot?.answer ?? null };
    },

    async recipientOf(id) {
      const row = await prisma.unansweredQuestion.findUnique({
        where: { id },
        select: { resident: { select: { channel: true, channelUserId: true } } },
      });
      const resident = row?.resident;
      if (!resident) return null;
      return { channel: resident.channel, channelUserId: resident.channelUserId };
    },

    async answer({ id, answer, outbox, now, actor }) {
      const { row, queued } = await prisma.$transaction(async (tx) => {
        const row = await closeOpen(tx, id, { status: 'answered', resolvedAt: now, staffAnswer: answer });
        // ON CONFLICT DO NOTHING keeps the transaction usable (as the ticket store's outbox insert)
        const queued =
          outbox === null
            ? false
            : (await tx.$executeRaw`
                INSERT INTO "OutboxMessage" ("dedupeKey", "ticketId", channel, "channelUserId", payload, status, "nextAttemptAt", "createdAt")
                VALUES (${outbox.dedupeKey}, ${outbox.ticketId}, ${outbox.channel}, ${outbox.channelUserId},
                        ${JSON.stringify(outbox.payload)}::jsonb, 'pending', ${now}, ${now})
                ON CONFLICT ("dedupeKey") DO NOTHING`) === 1;
        await appendAuditRow(
          tx,
          {
            actor,
            action: 'question.answered',
            entity: 'question',
            entityId: String(id),
            before: { status: 'open' },
            // that an answer was written and sent, not its words (the trail is never erased)
            after: { status: 'answered', answerChars: answer.length, sentToResident: queued },
          },
          now,
          auditSealerOf(prisma),
        );
        return { row: { ...row, status: 'answered', staffAnswer: answer, resolvedAt: now }, queued };
      });
      const [question] = await withFeedback([row]);
      return { question: question as QueuedQuestion, queued };
    },

    async setFaq({ id, faqCode, now, actor }) {
      await prisma.$transaction(async (tx) => {
        const before = await tx.unansweredQuestion.findUnique({ where: { id }, select: { faqCode: true } });
        if (!before)
          throw new AppError('NOT_FOUND', `No unanswered question ${id}`, {
            userMessage: `Không có câu hỏi số ${id} trong danh sách chờ.`,
          });
        await tx.unansweredQuestion.update({ where: { id }, data: { faqCode } });
        await appendAuditRow(
          tx,
          {
            actor,
            action: faqCode === null ? 'faq.withdrawn' : 'faq.published',
            entity: 'question',
            entityId: String(id),
            before: { faqCode: before.faqCode },
            after: { faqCode },
          },
          now,
          auditSealerOf(prisma),
        );
      });
    },

    async findByFaq(faqCode) {
      const row = await prisma.unansweredQuestion.findFirst({ where: { faqCode }, select: SELECT });
      if (!row) return null;
      const [question] = await withFeedback([row]);
      return question ?? null;
    },

    async resolve({ id, status, note, now, actor }) {
      const row = await prisma.$transaction(async (tx) => {
        const found = await closeOpen(tx, id, {
          status,
          resolvedAt: now,
          ...(note === undefined ? {} : { staffNote: note }),
        });
        await appendAuditRow(
          tx,
          {
            actor,
            action: `question.${status}`,
            entity: 'question',
            entityId: String(id),
            before: { status: 'open' },
            after: { status, noteGiven: note !== undefined },
          },
          now,
          auditSealerOf(prisma),
        );
        return found;
      });
      const [question] = await withFeedback([row]);
      return question as QueuedQuestion;
    },
  };
}

// The staff side of the unanswered-questions queue: reads what abstentions and 👎 wrote, and closes entries.
// (The conversation store writes the queue; nothing here touches who asked.)
import { AppError } from '../../shared/errors.js';
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
}

export interface UnansweredQuestionStore {
  /** Newest first. */
  list(options: { statuses?: QuestionStatus[] | undefined; limit: number }): Promise<QueuedQuestion[]>;
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

  return {
    async list({ statuses, limit }) {
      const rows = await prisma.unansweredQuestion.findMany({
        where: statuses ? { status: { in: statuses } } : {},
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit,
        select: SELECT,
      });
      return withFeedback(rows);
    },

    async resolve({ id, status, note, now, actor }) {
      const row = await prisma.$transaction(async (tx) => {
        const updated = await tx.unansweredQuestion.updateMany({
          where: { id, status: 'open' },
          data: { status, resolvedAt: now, ...(note === undefined ? {} : { staffNote: note }) },
        });
        const found = await tx.unansweredQuestion.findUnique({ where: { id }, select: SELECT });
        if (!found)
          throw new AppError('NOT_FOUND', `No unanswered question ${id}`, {
            userMessage: `Không có câu hỏi số ${id} trong danh sách chờ.`,
          });
        if (updated.count === 0)
          throw new AppError('CONFLICT', `Unanswered question ${id} is ${found.status}`, {
            userMessage: `Câu hỏi số ${id} đã được xử lý trước đó (${found.status}).`,
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

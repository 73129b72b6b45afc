// Prisma side of the transactional outbox: claims rows with a conditional status transition (pending → sending),
// so racing workers never both get the same row, on PGlite and PostgreSQL alike.
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { OutboxStore } from '../../tickets/ports.js';
import type { OutboxMessage, OutboxPayload, OutboxStatus } from '../../tickets/types.js';

export function toOutboxMessage(r: {
  id: number;
  dedupeKey: string;
  ticketId: number | null;
  channel: string;
  channelUserId: string;
  payload: unknown;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  phonedBy?: string | null;
  phoneNote?: string | null;
}): OutboxMessage {
  return { ...r, payload: r.payload as OutboxPayload, status: r.status as OutboxStatus };
}

export class PrismaOutboxStore implements OutboxStore {
  constructor(private readonly prisma: PrismaClient) {}

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    // one statement: SKIP LOCKED lets racing workers take disjoint rows, and the UPDATE re-checks the status
    // under the row lock, so only one worker's claim can match a row. The due rows are picked in a MATERIALIZED
    // CTE: as an `IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)` subquery the planner may run the pick again per row
    // and claim more than `limit` rows (seen on PGlite once the table gained columns: a claim of 1 took all 3)
    const rows = await this.prisma.$queryRaw<Array<Parameters<typeof toOutboxMessage>[0]>>`
      WITH due AS MATERIALIZED (
        SELECT "id" FROM "OutboxMessage"
        WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now}
        ORDER BY "id" LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      UPDATE "OutboxMessage" AS o
      SET "status" = 'sending', "attempts" = o."attempts" + 1, "nextAttemptAt" = ${new Date(now.getTime() + leaseMs)}
      FROM due
      WHERE o."id" = due."id" AND o."status" = 'pending'
      RETURNING o."id", o."dedupeKey", o."ticketId", o."channel", o."channelUserId", o."payload", o."status",
        o."attempts", o."nextAttemptAt", o."lastError", o."createdAt", o."sentAt"`;
    return rows.map(toOutboxMessage).sort((a, b) => a.id - b.id);
  }

  async markSent(id: number, at: Date): Promise<boolean> {
    const { count } = await this.prisma.outboxMessage.updateMany({
      where: { id, status: { in: ['sending', 'uncertain'] } },
      data: { status: 'sent', sentAt: at, lastError: null },
    });
    return count === 1;
  }

  async markRetry(id: number, nextAttemptAt: Date, error: string): Promise<void> {
    await this.prisma.outboxMessage.updateMany({
      where: { id, status: 'sending' },
      data: { status: 'pending', nextAttemptAt, lastError: error },
    });
  }

  async release(id: number, nextAttemptAt: Date): Promise<void> {
    await this.prisma.outboxMessage.updateMany({
      where: { id, status: 'sending' },
      data: { status: 'pending', nextAttemptAt, attempts: { decrement: 1 } },
    });
  }

  async markFailed(id: number, error: string): Promise<void> {
    await this.prisma.outboxMessage.updateMany({
      where: { id, status: { in: ['sending', 'uncertain'] } },
      data: { status: 'failed', lastError: error },
    });
  }

  async markStaleUncertain(now: Date): Promise<number> {
    const { count } = await this.prisma.outboxMessage.updateMany({
      where: { status: 'sending', nextAttemptAt: { lt: now } },
      data: {
        status: 'uncertain',
        lastError: 'Tiến trình dừng khi đang gửi: không rõ tin nhắn đã đến người dân chưa.',
      },
    });
    return count;
  }

  async requeue(id: number, at: Date): Promise<boolean> {
    const { count } = await this.prisma.outboxMessage.updateMany({
      where: { id, status: { in: ['failed', 'uncertain'] } },
      data: { status: 'pending', nextAttemptAt: at, attempts: 0 },
    });
    return count === 1;
  }

  async countByStatus(): Promise<Record<string, number>> {
    const groups = await this.prisma.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } });
    return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
  }
}

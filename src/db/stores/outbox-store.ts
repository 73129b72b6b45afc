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
}): OutboxMessage {
  return { ...r, payload: r.payload as OutboxPayload, status: r.status as OutboxStatus };
}

export class PrismaOutboxStore implements OutboxStore {
  constructor(private readonly prisma: PrismaClient) {}

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    const due = await this.prisma.outboxMessage.findMany({
      where: { status: 'pending', nextAttemptAt: { lte: now } },
      orderBy: { id: 'asc' },
      take: limit,
      select: { id: true },
    });
    const claimed: OutboxMessage[] = [];
    for (const { id } of due) {
      // the WHERE is re-checked under the row lock: only one worker's update can match
      const { count } = await this.prisma.outboxMessage.updateMany({
        where: { id, status: 'pending', nextAttemptAt: { lte: now } },
        data: { status: 'sending', attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + leaseMs) },
      });
      if (count === 1) {
        const row = await this.prisma.outboxMessage.findUnique({ where: { id } });
        if (row) claimed.push(toOutboxMessage(row));
      }
    }
    return claimed;
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

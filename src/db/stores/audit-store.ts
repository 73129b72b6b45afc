// Prisma side of the audit trail: appends hash-chained rows under a transaction-scoped lock, reads them back.
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { auditHash, GENESIS_HASH, toJsonValue } from '../../tickets/audit-chain.js';
import type { AuditLogReader, AuditSealer } from '../../tickets/ports.js';
import type { AuditEntryInput, AuditRow } from '../../tickets/types.js';

type Db = PrismaClient | Prisma.TransactionClient;

/** Any constant shared by all tiepdan processes; serialises audit appends until the writer commits. */
const AUDIT_LOCK_KEY = 74_616_411;

function jsonInput(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  const v = toJsonValue(value);
  return v === null ? Prisma.JsonNull : (v as Prisma.InputJsonValue);
}

/**
 * Appends one row. Must run inside a transaction: the advisory lock is held until commit, so the next writer
 * reads this row as the head and the chain never forks.
 */
export async function appendAuditRow(
  tx: Prisma.TransactionClient,
  entry: AuditEntryInput,
  at: Date,
  sealer?: AuditSealer | undefined,
): Promise<AuditRow> {
  await tx.$queryRawUnsafe(`SELECT 1 AS ok FROM (SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})) AS l`);
  const head = await tx.auditLog.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } });
  const [next] = await tx.$queryRawUnsafe<Array<{ id: bigint | number }>>(
    `SELECT nextval(pg_get_serial_sequence('"AuditLog"', 'id')) AS id`,
  );
  const id = Number(next?.id);
  const prevHash = head?.hash ?? GENESIS_HASH;
  const row = {
    id,
    at,
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    before: toJsonValue(entry.before),
    after: toJsonValue(entry.after),
  };
  const hash = auditHash(prevHash, row);
  const mac = sealer ? sealer.seal(hash) : null;
  await tx.auditLog.create({
    data: { ...row, before: jsonInput(row.before), after: jsonInput(row.after), prevHash, hash, mac },
  });
  return { ...row, prevHash, hash, mac };
}

function toRow(r: {
  id: number;
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
  mac: string | null;
}): AuditRow {
  return { ...r, before: r.before ?? null, after: r.after ?? null };
}

export class PrismaAuditLogReader implements AuditLogReader {
  constructor(private readonly prisma: Db) {}

  async readAudit(afterId: number, limit: number): Promise<AuditRow[]> {
    const rows = await this.prisma.auditLog.findMany({
      where: { id: { gt: afterId } },
      orderBy: { id: 'asc' },
      take: limit,
    });
    return rows.map(toRow);
  }

  async listAuditFor(entity: string, entityId: string): Promise<AuditRow[]> {
    const rows = await this.prisma.auditLog.findMany({ where: { entity, entityId }, orderBy: { id: 'asc' } });
    return rows.map(toRow);
  }
}

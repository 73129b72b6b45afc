// Prisma implementation of the tickets core's TicketStore (and its RateLimiter): tickets, their personal part,
// attachments, consents, outbox rows and audit rows, on PGlite or PostgreSQL.
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import { AppError } from '../../shared/errors.js';
import type {
  AnswerSignals,
  ConsentInput,
  NewTicket,
  OutboxProblem,
  RateLimiter,
  ReportAggregate,
  ReportQuery,
  TicketFilter,
  TicketOps,
  TicketStore,
} from '../../tickets/ports.js';
import type {
  AuditEntryInput,
  AuditRow,
  CloseReason,
  NewOutboxMessage,
  OutboxMessage,
  ResidentRef,
  StoredTicketPersonal,
  Ticket,
  TicketAttachment,
  TicketAttachmentInput,
  TicketKind,
  TicketNote,
  TicketPatch,
  TicketPersonalData,
  TicketStatus,
} from '../../tickets/types.js';
import { auditSealerOf } from '../audit-seal.js';
import { appendAuditRow } from './audit-store.js';
import { toOutboxMessage } from './outbox-store.js';

type Db = PrismaClient | Prisma.TransactionClient;

const TX_OPTIONS = { maxWait: 60_000, timeout: 60_000 };

const withUnit = { unit: { select: { code: true } } } as const;
type TicketRow = Prisma.TicketGetPayload<{ include: typeof withUnit }>;

function toTicket(r: TicketRow): Ticket {
  const {
    unit,
    personal: _p,
    attachments: _a,
    outbox: _o,
    resident: _r,
    ...rest
  } = r as TicketRow & {
    personal?: unknown;
    attachments?: unknown;
    outbox?: unknown;
    resident?: unknown;
  };
  return {
    ...rest,
    kind: r.kind as TicketKind,
    status: r.status as TicketStatus,
    closeReason: r.closeReason as CloseReason | null,
    unitCode: unit?.code ?? null,
  };
}

function toStoredPersonal(r: Prisma.TicketPersonalGetPayload<object>): StoredTicketPersonal {
  return { fullName: r.fullName, phone: r.phone, address: r.address, disputeReason: r.disputeReason };
}

/** Which unique constraint a P2002 error is about, from Prisma's metadata (shape differs across adapters). */
function uniqueViolationField(error: unknown): string | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return undefined;
  const text = JSON.stringify(error.meta ?? {}) + error.message;
  if (text.includes('sourceKey')) return 'sourceKey';
  if (text.includes('code')) return 'code';
  if (text.includes('dedupeKey')) return 'dedupeKey';
  return 'unknown';
}

function deadlineWhere(filter: TicketFilter): Prisma.TicketWhereInput | undefined {
  const before = filter.deadlineBefore;
  const notBefore = filter.deadlineNotBefore;
  if (!before && !notBefore) return undefined;
  // while received the deadline is the earlier of acknowledgeBy and dueAt (petitions); after, it is dueAt
  const received: Prisma.TicketWhereInput[] = [{ status: 'received' }];
  if (before) received.push({ OR: [{ acknowledgeBy: { lt: before } }, { dueAt: { lt: before } }] });
  if (notBefore)
    received.push({ acknowledgeBy: { gte: notBefore } }, { OR: [{ dueAt: null }, { dueAt: { gte: notBefore } }] });
  return {
    OR: [
      { AND: received },
      {
        status: { in: ['accepted', 'in_progress'] },
        dueAt: { ...(before ? { lt: before } : {}), ...(notBefore ? { gte: notBefore } : {}), not: null },
      },
    ],
  };
}

/** Text search: the code, or the description of the kinds whose words the reader may see. */
function textWhere(filter: TicketFilter): Prisma.TicketWhereInput | undefined {
  const query = filter.text?.query.trim();
  if (!filter.text || !query) return undefined;
  return {
    OR: [
      { code: { contains: query.toUpperCase() } },
      ...(filter.text.descriptionKinds.length > 0
        ? [
            {
              kind: { in: filter.text.descriptionKinds },
              description: { contains: query, mode: 'insensitive' as const },
            },
          ]
        : []),
    ],
  };
}

/**
 * A ticket's current legal deadline in SQL, as `currentDeadline` computes it: while received the earlier of dueAt and
 * acknowledgeBy (LEAST ignores a NULL), accepted or in progress dueAt, otherwise none. Written exactly as in the
 * index of migration 20261203100000_inbox_indexes, so that PostgreSQL uses it for the order.
 */
const DEADLINE_SQL = Prisma.raw(
  `(CASE WHEN tk.status = 'received' THEN LEAST(tk."dueAt", tk."acknowledgeBy") WHEN tk.status IN ('accepted', 'in_progress') THEN tk."dueAt" END)`,
);

/** A LIKE pattern that finds `text` anywhere (its own % _ \\ taken literally). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The same filter as listTickets' Prisma where, as SQL over "Ticket" tk LEFT JOIN "Unit" u. */
function ticketWhereSql(filter: TicketFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  const ts = (at: Date) => Prisma.sql`${utc(at)}::text::timestamp`;
  if (filter.statuses) parts.push(Prisma.sql`tk.status = ANY(${filter.statuses}::text[])`);
  if (filter.kinds) parts.push(Prisma.sql`tk.kind = ANY(${filter.kinds}::text[])`);
  if (filter.categories) parts.push(Prisma.sql`tk.category = ANY(${filter.categories}::text[])`);
  if (filter.updatedFrom) parts.push(Prisma.sql`tk."updatedAt" >= ${ts(filter.updatedFrom)}`);
  if (filter.unitCode) parts.push(Prisma.sql`u.code = ${filter.unitCode}`);
  if (filter.unitCodes) parts.push(Prisma.sql`u.code = ANY(${filter.unitCodes}::text[])`);
  if (filter.communeNotIn)
    parts.push(Prisma.sql`tk.commune IS NOT NULL AND NOT (tk.commune = ANY(${filter.communeNotIn}::text[]))`);
  if (filter.residentId !== undefined) parts.push(Prisma.sql`tk."residentId" = ${filter.residentId}`);
  if (filter.communes) parts.push(Prisma.sql`tk.commune = ANY(${filter.communes}::text[])`);
  if (filter.hasDeliveryProblem)
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "OutboxMessage" o WHERE o."ticketId" = tk.id AND o.status IN ('failed', 'uncertain'))`,
    );
  if (filter.isDisputed)
    parts.push(
      Prisma.sql`tk."disputedAt" IS NOT NULL AND (tk."answeredAt" IS NULL OR tk."answeredAt" < tk."disputedAt")`,
    );
  if (filter.receivedFrom) parts.push(Prisma.sql`tk."receivedAt" >= ${ts(filter.receivedFrom)}`);
  if (filter.receivedTo) parts.push(Prisma.sql`tk."receivedAt" < ${ts(filter.receivedTo)}`);
  if (filter.deadlineBefore) parts.push(Prisma.sql`${DEADLINE_SQL} < ${ts(filter.deadlineBefore)}`);
  if (filter.deadlineNotBefore) parts.push(Prisma.sql`${DEADLINE_SQL} >= ${ts(filter.deadlineNotBefore)}`);
  const query = filter.text?.query.trim();
  if (filter.text && query) {
    const byCode = Prisma.sql`tk.code LIKE ${containsPattern(query.toUpperCase())}`;
    parts.push(
      filter.text.descriptionKinds.length > 0
        ? Prisma.sql`(${byCode} OR (tk.kind = ANY(${filter.text.descriptionKinds}::text[]) AND tk.description ILIKE ${containsPattern(query)}))`
        : byCode,
    );
  }
  return Prisma.join(parts, ' AND ');
}

class PrismaTicketOps implements TicketOps {
  constructor(
    protected readonly db: Db,
    private readonly inTransaction: boolean,
    private readonly root: PrismaClient,
  ) {}

  async findTicket(
    by: { id: number } | { code: string } | { sourceKey: string },
    options: { lock?: boolean } = {},
  ): Promise<Ticket | null> {
    if (options.lock && this.inTransaction) {
      if ('id' in by) await this.db.$queryRaw`SELECT id FROM "Ticket" WHERE id = ${by.id} FOR UPDATE`;
      else if ('code' in by) await this.db.$queryRaw`SELECT id FROM "Ticket" WHERE code = ${by.code} FOR UPDATE`;
      else await this.db.$queryRaw`SELECT id FROM "Ticket" WHERE "sourceKey" = ${by.sourceKey} FOR UPDATE`;
    }
    const row = await this.db.ticket.findUnique({ where: by as Prisma.TicketWhereUniqueInput, include: withUnit });
    return row ? toTicket(row) : null;
  }

  async insertTicket(ticket: NewTicket): Promise<Ticket> {
    try {
      const row = await this.db.ticket.create({ data: ticket, include: withUnit });
      return toTicket(row);
    } catch (error) {
      const field = uniqueViolationField(error);
      if (field) throw new AppError('CONFLICT', `Ticket ${field} already exists`, { cause: error, details: { field } });
      throw error;
    }
  }

  async resolveQueuedQuestions(ticket: Pick<Ticket, 'code' | 'residentId' | 'description'>, at: Date): Promise<number> {
    const result = await this.db.unansweredQuestion.updateMany({
      where: {
        status: 'open',
        OR: [
          { ticketCode: ticket.code },
          ...(ticket.residentId !== null && ticket.description
            ? [{ residentId: ticket.residentId, question: ticket.description }]
            : []),
        ],
      },
      data: { status: 'answered', resolvedAt: at, ticketCode: ticket.code },
    });
    return result.count;
  }

  async updateTicket(id: number, patch: TicketPatch): Promise<Ticket> {
    const row = await this.db.ticket.update({ where: { id }, data: patch, include: withUnit });
    return toTicket(row);
  }

  async listTickets(filter: TicketFilter): Promise<Ticket[]> {
    const where: Prisma.TicketWhereInput = {
      ...(filter.statuses ? { status: { in: filter.statuses } } : {}),
      ...(filter.kinds ? { kind: { in: filter.kinds } } : {}),
      ...(filter.categories ? { category: { in: filter.categories } } : {}),
      ...(filter.updatedFrom ? { updatedAt: { gte: filter.updatedFrom } } : {}),
      ...(filter.unitCode ? { unit: { code: filter.unitCode } } : {}),
      ...(filter.unitCodes ? { unitId: { not: null }, unit: { code: { in: filter.unitCodes } } } : {}),
      ...(filter.communeNotIn ? { commune: { not: null, notIn: filter.communeNotIn } } : {}),
      ...(filter.residentId !== undefined ? { residentId: filter.residentId } : {}),
      ...(filter.communes ? { commune: { in: filter.communes } } : {}),
      ...(filter.hasDeliveryProblem ? { outbox: { some: { status: { in: ['failed', 'uncertain'] } } } } : {}),
      ...(filter.isDisputed
        ? {
            disputedAt: { not: null },
            OR: [{ answeredAt: null }, { answeredAt: { lt: this.db.ticket.fields.disputedAt } }],
          }
        : {}),
      ...(filter.receivedFrom || filter.receivedTo
        ? {
            receivedAt: {
              ...(filter.receivedFrom ? { gte: filter.receivedFrom } : {}),
              ...(filter.receivedTo ? { lt: filter.receivedTo } : {}),
            },
          }
        : {}),
    };
    const deadline = deadlineWhere(filter);
    const text = textWhere(filter);
    const all: Prisma.TicketWhereInput = { AND: [where, ...(deadline ? [deadline] : []), ...(text ? [text] : [])] };
    if (filter.orderBy === 'deadline') {
      // filtered, ordered by the current legal deadline and paged in the database (the expression index of
      // migration 20261203100000_inbox_indexes serves the order); then only the page's rows are read
      const ids = await this.db.$queryRaw<Array<{ id: number }>>`
        SELECT tk.id FROM "Ticket" tk LEFT JOIN "Unit" u ON u.id = tk."unitId"
        WHERE ${ticketWhereSql(filter)}
        ORDER BY ${DEADLINE_SQL} ASC NULLS LAST, tk."receivedAt" ASC, tk.id ASC
        LIMIT ${filter.limit ?? 1_000_000} OFFSET ${filter.offset ?? 0}`;
      const page = ids.map((r) => Number(r.id));
      if (page.length === 0) return [];
      const rows = await this.db.ticket.findMany({ where: { id: { in: page } }, include: withUnit });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return page.flatMap((id) => {
        const row = byId.get(id);
        return row ? [toTicket(row)] : [];
      });
    }
    const rows = await this.db.ticket.findMany({
      where: all,
      include: withUnit,
      orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
      ...(filter.offset ? { skip: filter.offset } : {}),
      ...(filter.limit ? { take: filter.limit } : {}),
    });
    return rows.map(toTicket);
  }

  async upsertResident(resident: ResidentRef): Promise<number> {
    const row = await this.db.resident.upsert({
      where: { channel_channelUserId: { channel: resident.channel, channelUserId: resident.channelUserId } },
      create: {
        channel: resident.channel,
        channelUserId: resident.channelUserId,
        displayName: resident.displayName ?? null,
      },
      update: { lastSeenAt: new Date() },
      select: { id: true },
    });
    return row.id;
  }

  async findResidentId(resident: Pick<ResidentRef, 'channel' | 'channelUserId'>): Promise<number | null> {
    const row = await this.db.resident.findUnique({
      where: { channel_channelUserId: { channel: resident.channel, channelUserId: resident.channelUserId } },
      select: { id: true },
    });
    return row?.id ?? null;
  }

  async getResident(residentId: number): Promise<ResidentRef | null> {
    const row = await this.db.resident.findUnique({ where: { id: residentId } });
    return row
      ? { channel: row.channel, channelUserId: row.channelUserId, displayName: row.displayName ?? undefined }
      : null;
  }

  async insertPersonal(ticketId: number, data: TicketPersonalData): Promise<void> {
    await this.db.ticketPersonal.create({ data: { ticketId, ...data } });
  }

  async getPersonal(ticketId: number): Promise<StoredTicketPersonal | null> {
    const row = await this.db.ticketPersonal.findUnique({ where: { ticketId } });
    return row ? toStoredPersonal(row) : null;
  }

  async getPersonalMany(ticketIds: number[]): Promise<Map<number, StoredTicketPersonal>> {
    if (ticketIds.length === 0) return new Map();
    const rows = await this.db.ticketPersonal.findMany({ where: { ticketId: { in: ticketIds } } });
    return new Map(rows.map((r) => [r.ticketId, toStoredPersonal(r)]));
  }

  async deletePersonal(ticketIds: number[]): Promise<number> {
    if (ticketIds.length === 0) return 0;
    const { count } = await this.db.ticketPersonal.deleteMany({ where: { ticketId: { in: ticketIds } } });
    return count;
  }

  async setDisputeReason(ticketId: number, reason: string | null): Promise<void> {
    if (reason === null) {
      await this.db.ticketPersonal.updateMany({ where: { ticketId }, data: { disputeReason: null } });
      return;
    }
    await this.db.ticketPersonal.upsert({
      where: { ticketId },
      create: { ticketId, disputeReason: reason },
      update: { disputeReason: reason },
    });
  }

  async insertAttachments(ticketId: number, attachments: TicketAttachmentInput[]): Promise<void> {
    await this.db.ticketAttachment.createMany({
      data: attachments.map((a) => ({
        ticketId,
        kind: a.kind,
        ref: a.ref,
        name: a.name ?? null,
        mimeType: a.mimeType ?? null,
      })),
    });
  }

  async listAttachments(ticketId: number): Promise<TicketAttachment[]> {
    const rows = await this.db.ticketAttachment.findMany({ where: { ticketId }, orderBy: { id: 'asc' } });
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as TicketAttachmentInput['kind'],
      ref: r.ref,
      name: r.name,
      mimeType: r.mimeType,
    }));
  }

  async insertNote(ticketId: number, note: { author: string; text: string }, at: Date): Promise<TicketNote> {
    const row = await this.db.ticketNote.create({
      data: { ticketId, author: note.author, text: note.text, createdAt: at },
    });
    return { id: row.id, author: row.author, text: row.text, createdAt: row.createdAt };
  }

  async listNotes(ticketId: number): Promise<TicketNote[]> {
    return this.db.ticketNote.findMany({
      where: { ticketId },
      orderBy: { id: 'asc' },
      select: { id: true, author: true, text: true, createdAt: true },
    });
  }

  async insertConsent(consent: ConsentInput): Promise<number> {
    const row = await this.db.consent.create({ data: consent, select: { id: true } });
    return row.id;
  }

  async listConsents(residentId: number): Promise<Array<ConsentInput & { id: number; withdrawnAt: Date | null }>> {
    return this.db.consent.findMany({ where: { residentId }, orderBy: { id: 'asc' } });
  }

  async withdrawConsents(residentId: number, at: Date): Promise<number> {
    const { count } = await this.db.consent.updateMany({
      where: { residentId, withdrawnAt: null },
      data: { withdrawnAt: at },
    });
    return count;
  }

  async enqueueOutbox(message: NewOutboxMessage, at: Date): Promise<boolean> {
    // ON CONFLICT DO NOTHING keeps the surrounding transaction usable (a failed INSERT would abort it)
    const inserted = await this.db.$executeRaw`
      INSERT INTO "OutboxMessage" ("dedupeKey", "ticketId", channel, "channelUserId", payload, status, "nextAttemptAt", "createdAt")
      VALUES (${message.dedupeKey}, ${message.ticketId}, ${message.channel}, ${message.channelUserId},
              ${JSON.stringify(message.payload)}::jsonb, 'pending', ${at}, ${at})
      ON CONFLICT ("dedupeKey") DO NOTHING`;
    return inserted === 1;
  }

  async listOutboxForTicket(ticketId: number): Promise<OutboxMessage[]> {
    const rows = await this.db.outboxMessage.findMany({ where: { ticketId }, orderBy: { id: 'asc' } });
    return rows.map(toOutboxMessage);
  }

  async requeueTicketOutbox(ticketId: number, id: number, at: Date): Promise<boolean> {
    const { count } = await this.db.outboxMessage.updateMany({
      where: { id, ticketId, status: { in: ['failed', 'uncertain'] } },
      data: { status: 'pending', nextAttemptAt: at },
    });
    return count === 1;
  }

  async markOutboxPhoned(
    ticketId: number,
    id: number,
    by: { login: string; note: string },
    at: Date,
  ): Promise<boolean> {
    const { count } = await this.db.outboxMessage.updateMany({
      where: { id, ticketId, status: { in: ['failed', 'uncertain'] } },
      data: { status: 'phoned', sentAt: at, phonedBy: by.login, phoneNote: by.note },
    });
    return count === 1;
  }

  async listDeliveryProblems(): Promise<OutboxProblem[]> {
    const rows = await this.db.outboxMessage.findMany({
      where: { status: { in: ['failed', 'uncertain'] } },
      orderBy: { id: 'desc' },
      take: 1000,
      include: { ticket: { select: { code: true } } },
    });
    return rows.map((r) => ({
      id: r.id,
      ticketCode: r.ticket?.code ?? null,
      channel: r.channel,
      status: r.status as 'failed' | 'uncertain',
      attempts: r.attempts,
      lastError: r.lastError,
      createdAt: r.createdAt,
    }));
  }

  async cancelOutboxForTickets(ticketIds: number[]): Promise<number> {
    if (ticketIds.length === 0) return 0;
    const { count } = await this.db.outboxMessage.updateMany({
      where: { ticketId: { in: ticketIds }, status: { in: ['pending', 'failed', 'uncertain'] } },
      data: { status: 'cancelled', channelUserId: '' },
    });
    // delivered rows keep their text (what the desk told the resident) but no longer say who received it
    await this.db.outboxMessage.updateMany({ where: { ticketId: { in: ticketIds } }, data: { channelUserId: '' } });
    return count;
  }

  async appendAudit(entry: AuditEntryInput, at: Date): Promise<AuditRow> {
    // sealed with the key registered for this database (openDatabase), whoever built this store
    const sealer = auditSealerOf(this.root);
    if (this.inTransaction) return appendAuditRow(this.db as Prisma.TransactionClient, entry, at, sealer);
    return this.root.$transaction((tx) => appendAuditRow(tx, entry, at, sealer), TX_OPTIONS);
  }

  async findUnitId(code: string): Promise<number | null> {
    const row = await this.db.unit.findUnique({ where: { code }, select: { id: true } });
    return row?.id ?? null;
  }

  async findUnitCode(id: number): Promise<string | null> {
    const row = await this.db.unit.findUnique({ where: { id }, select: { code: true } });
    return row?.code ?? null;
  }
}

export class PrismaTicketStore extends PrismaTicketOps implements TicketStore {
  constructor(private readonly prisma: PrismaClient) {
    super(prisma, false, prisma);
  }

  transaction<T>(fn: (tx: TicketOps) => Promise<T>): Promise<T> {
    return this.prisma.$transaction((tx) => fn(new PrismaTicketOps(tx, true, this.prisma)), TX_OPTIONS);
  }

  async syncUnits(units: Array<{ code: string; name: string }>): Promise<void> {
    for (const u of units)
      await this.prisma.unit.upsert({ where: { code: u.code }, create: u, update: { name: u.name } });
  }

  async syncRoutingRules(rules: Array<{ category: string; commune: string; unit: string }>): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.routingRule.deleteMany({});
      for (const r of rules) {
        const unit = await tx.unit.findUnique({ where: { code: r.unit }, select: { id: true } });
        if (unit) await tx.routingRule.create({ data: { category: r.category, commune: r.commune, unitId: unit.id } });
      }
    }, TX_OPTIONS);
  }

  async countTicketsByCommune(since: Date): Promise<Array<{ commune: string; count: number }>> {
    const rows = await this.prisma.ticket.groupBy({
      by: ['commune'],
      where: { commune: { not: null }, receivedAt: { gte: since } },
      _count: { _all: true },
    });
    return rows
      .filter((r): r is typeof r & { commune: string } => r.commune !== null)
      .map((r) => ({ commune: r.commune, count: r._count._all }));
  }

  async receiptDays(filter: {
    kinds: TicketKind[];
    receivedFrom?: Date | undefined;
    receivedTo?: Date | undefined;
    unitCodes?: string[] | undefined;
  }): Promise<{ first: string; last: string } | null> {
    const rows = await this.prisma.$queryRaw<Array<{ first: string | null; last: string | null }>>`
      SELECT to_char(min("receivedAt" + interval '7 hours'), 'YYYY-MM-DD') AS first,
             to_char(max("receivedAt" + interval '7 hours'), 'YYYY-MM-DD') AS last
      FROM "Ticket" tk
      WHERE kind = ANY(${filter.kinds}::text[])
        AND ${unitScopeSql(filter.unitCodes)}
        AND (${utc(filter.receivedFrom)}::text::timestamp IS NULL OR "receivedAt" >= ${utc(filter.receivedFrom)}::text::timestamp)
        AND (${utc(filter.receivedTo)}::text::timestamp IS NULL OR "receivedAt" < ${utc(filter.receivedTo)}::text::timestamp)`;
    const row = rows[0];
    return row?.first && row.last ? { first: row.first, last: row.last } : null;
  }

  async aggregateReport(query: ReportQuery): Promise<ReportAggregate[]> {
    // times are stored as UTC timestamps; a Vietnam day runs from 17:00 UTC the day before. "Due on day D" means
    // before the next Vietnam midnight: NEXT(x) = (x + 7 h)::date + 1 day - 7 h.
    const next = (column: string) =>
      Prisma.raw(`(((${column} + interval '7 hours')::date + 1)::timestamp - interval '7 hours')`);
    const columns: Record<string, string> = {
      unit: 'unit',
      category: 'category',
      commune: 'commune',
      month: 'month',
      kind: 'kind',
    };
    const sets = [...query.groupings.map((g) => `(${columns[g]})`), '()'].join(', ');
    // a grouping not asked for is neither selected nor passed to GROUPING(): PostgreSQL refuses both
    const keys = Object.keys(columns)
      .map((g) =>
        query.groupings.includes(g as ReportQuery['groupings'][number])
          ? `${g}, GROUPING(${g})::int AS g_${g}`
          : `NULL::text AS ${g}, 1 AS g_${g}`,
      )
      .join(', ');
    const rows = await this.prisma.$queryRaw<
      Array<{
        unit: string | null;
        category: string | null;
        commune: string | null;
        month: string | null;
        kind: string | null;
        g_unit: number;
        g_category: number;
        g_commune: number;
        g_month: number;
        g_kind: number;
        received: number;
        ack_in_time: number;
        ack_due: number;
        answered: number;
        answered_in_time: number;
        answer_due: number;
        median_days: number | null;
        overdue_now: number;
        disputed: number;
        satisfaction_mean: number | null;
        satisfaction_count: number;
        resolved_yes: number;
        resolved_count: number;
      }>
    >`
      WITH ack AS (
        SELECT day::date AS day, at::timestamp AS ack_by
        FROM unnest(${query.acknowledgeBy.map((a) => a.day)}::text[], ${query.acknowledgeBy.map((a) => utc(a.by))}::text[]) AS u(day, at)
      ), t AS (
        SELECT COALESCE(u.code, '-') AS unit, tk.category, COALESCE(tk.commune, '-') AS commune,
          to_char(tk."receivedAt" + interval '7 hours', 'YYYY-MM') AS month, tk.kind, tk.status,
          tk."receivedAt" AS received_at, tk."acknowledgedAt" AS acknowledged_at, ack.ack_by,
          COALESCE(tk."answeredAt", tk."closedAt") AS answered_at,
          CASE WHEN tk."dueAt" IS NOT NULL THEN ${next('tk."dueAt"')} END AS due_next,
          CASE
            WHEN tk.status = 'received' THEN ${next('LEAST(tk."dueAt", tk."acknowledgeBy")')}
            WHEN tk.status IN ('accepted', 'in_progress') AND tk."dueAt" IS NOT NULL THEN ${next('tk."dueAt"')}
          END AS deadline_next,
          tk."disputedAt" AS disputed_at, tk.satisfaction, tk."residentResolved" AS resident_resolved
        FROM "Ticket" tk
        LEFT JOIN "Unit" u ON u.id = tk."unitId"
        LEFT JOIN ack ON ack.day = (tk."receivedAt" + interval '7 hours')::date
        WHERE tk.kind = ANY(${query.kinds}::text[])
          AND ${unitScopeSql(query.unitCodes)}
          AND (${utc(query.receivedFrom)}::text::timestamp IS NULL OR tk."receivedAt" >= ${utc(query.receivedFrom)}::text::timestamp)
          AND (${utc(query.receivedTo)}::text::timestamp IS NULL OR tk."receivedAt" < ${utc(query.receivedTo)}::text::timestamp)
      ), p AS (SELECT ${utc(query.now)}::text::timestamp AS now)
      SELECT ${Prisma.raw(keys)},
        count(*)::int AS received,
        count(*) FILTER (WHERE acknowledged_at IS NOT NULL AND acknowledged_at <= ack_by)::int AS ack_in_time,
        count(*) FILTER (WHERE acknowledged_at IS NOT NULL OR ack_by < (SELECT now FROM p))::int AS ack_due,
        count(answered_at)::int AS answered,
        count(*) FILTER (WHERE due_next IS NOT NULL AND answered_at < due_next)::int AS answered_in_time,
        count(*) FILTER (WHERE due_next IS NOT NULL AND (answered_at IS NOT NULL OR due_next <= (SELECT now FROM p)))::int AS answer_due,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - received_at) / 86400)::float8 AS median_days,
        count(*) FILTER (WHERE deadline_next IS NOT NULL AND deadline_next <= (SELECT now FROM p))::int AS overdue_now,
        count(disputed_at)::int AS disputed,
        avg(satisfaction)::float8 AS satisfaction_mean,
        count(satisfaction)::int AS satisfaction_count,
        count(*) FILTER (WHERE resident_resolved)::int AS resolved_yes,
        count(resident_resolved)::int AS resolved_count
      FROM t
      GROUP BY GROUPING SETS (${Prisma.raw(sets)})`;
    return rows.map((r) => {
      const grouping = (['unit', 'category', 'commune', 'month', 'kind'] as const).find(
        (g) => r[`g_${g}`] === 0 && query.groupings.includes(g),
      );
      return {
        grouping: grouping ?? null,
        key: grouping ? r[grouping] : null,
        received: r.received,
        acknowledgedInTime: r.ack_in_time,
        acknowledgeDue: r.ack_due,
        answered: r.answered,
        answeredInTime: r.answered_in_time,
        answerDue: r.answer_due,
        medianDaysToAnswer: r.median_days,
        overdueNow: r.overdue_now,
        disputed: r.disputed,
        satisfactionMean: r.satisfaction_mean,
        satisfactionCount: r.satisfaction_count,
        resolvedYes: r.resolved_yes,
        resolvedCount: r.resolved_count,
      };
    });
  }

  async countAnswerSignals(range: { from?: Date | undefined; to?: Date | undefined }): Promise<AnswerSignals[]> {
    const from = utc(range.from);
    const to = utc(range.to);
    const rows = await this.prisma.$queryRaw<
      Array<{ month: string; source: string; kind: string; status: string | null; n: number; faq: number }>
    >`
      SELECT to_char(q."createdAt" + interval '7 hours', 'YYYY-MM') AS month, 'queue' AS source, q.reason AS kind,
        q.status, count(*)::int AS n, count(q."faqCode")::int AS faq
      FROM "UnansweredQuestion" q
      WHERE (${from}::text::timestamp IS NULL OR q."createdAt" >= ${from}::text::timestamp)
        AND (${to}::text::timestamp IS NULL OR q."createdAt" < ${to}::text::timestamp)
      GROUP BY 1, 3, 4
      UNION ALL
      SELECT to_char(f."createdAt" + interval '7 hours', 'YYYY-MM'), 'feedback', f.rating, NULL, count(*)::int, 0
      FROM "Feedback" f
      WHERE (${from}::text::timestamp IS NULL OR f."createdAt" >= ${from}::text::timestamp)
        AND (${to}::text::timestamp IS NULL OR f."createdAt" < ${to}::text::timestamp)
      GROUP BY 1, 3`;
    const months = new Map<string, AnswerSignals>();
    for (const r of rows) {
      const m =
        months.get(r.month) ??
        ({
          month: r.month,
          abstained: 0,
          staffRequested: 0,
          failed: 0,
          thumbsUp: 0,
          thumbsDown: 0,
          answeredByStaff: 0,
          turnedIntoFaq: 0,
        } satisfies AnswerSignals);
      months.set(r.month, m);
      const n = Number(r.n);
      if (r.source === 'feedback') {
        if (r.kind === 'up') m.thumbsUp += n;
        else if (r.kind === 'down') m.thumbsDown += n;
        continue;
      }
      // a 👎 is counted from Feedback; its queued question only adds to what staff answered
      if (r.kind === 'abstain') m.abstained += n;
      else if (r.kind === 'staff_requested') m.staffRequested += n;
      else if (r.kind === 'error') m.failed += n;
      if (r.status === 'answered') m.answeredByStaff += n;
      m.turnedIntoFaq += Number(r.faq);
    }
    return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
  }

  async syncHolidays(
    holidays: Array<{ date: string; name: string; source: string; type: string; announcement: string | null }>,
  ): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.holiday.deleteMany({});
      if (holidays.length > 0) await tx.holiday.createMany({ data: holidays });
    }, TX_OPTIONS);
  }
}

/** Fixed-window counters in the RateLimit table. */
export class PrismaRateLimiter implements RateLimiter {
  constructor(private readonly prisma: PrismaClient) {}

  async current(key: string, now: Date, windowMs: number): Promise<number> {
    const row = await this.prisma.rateLimit.findUnique({ where: { key } });
    if (!row || row.windowStart.getTime() + windowMs <= now.getTime()) return 0;
    return row.count;
  }

  async hit(key: string, now: Date, windowMs: number): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT key FROM "RateLimit" WHERE key = ${key} FOR UPDATE`;
      const row = await tx.rateLimit.findUnique({ where: { key } });
      if (!row) {
        await tx.rateLimit.create({ data: { key, windowStart: now, count: 1 } });
        return 1;
      }
      if (row.windowStart.getTime() + windowMs <= now.getTime()) {
        await tx.rateLimit.update({ where: { key }, data: { windowStart: now, count: 1 } });
        return 1;
      }
      const updated = await tx.rateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
      return updated.count;
    }, TX_OPTIONS);
  }
}

/** A stored time as the text of a UTC timestamp without zone (how Prisma keeps DateTime), null kept. */
/** Only the tickets of these units (by code), or every ticket when none are named; over "Ticket" tk. */
function unitScopeSql(unitCodes: string[] | undefined): Prisma.Sql {
  if (!unitCodes) return Prisma.sql`TRUE`;
  return Prisma.sql`tk."unitId" IN (SELECT id FROM "Unit" WHERE code = ANY(${unitCodes}::text[]))`;
}

function utc(at: Date | undefined): string | null {
  return at ? at.toISOString().slice(0, 23).replace('T', ' ') : null;
}

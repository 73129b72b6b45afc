// Small pieces several tickets use cases share: audit snapshots without personal data, resident messages,
// permission checks and lookups that fail in Vietnamese.
import { createHash } from 'node:crypto';
import { AppError } from '../shared/errors.js';
import type { TicketDeps } from './deps.js';
import type { TicketOps } from './ports.js';
import type { Actor, OutboxPayload, StoredTicketPersonal, Ticket, TicketPersonalData } from './types.js';

/**
 * The ticket as recorded in the audit trail: facts only. The description may hold personal data and audit
 * rows can never be erased, so only its hash is kept.
 */
export function auditSnapshot(ticket: Ticket): Record<string, unknown> {
  return {
    code: ticket.code,
    kind: ticket.kind,
    category: ticket.category,
    commune: ticket.commune,
    oldCommune: ticket.oldCommune,
    filedPlace: ticket.filedPlace,
    status: ticket.status,
    closeReason: ticket.closeReason,
    statusNote: ticket.statusNote,
    publicAnswer: ticket.publicAnswer,
    isRemoteArea: ticket.isRemoteArea,
    isComplex: ticket.isComplex,
    isSecondTime: ticket.isSecondTime,
    extensions: ticket.extensions,
    unitCode: ticket.unitCode,
    assignee: ticket.assignee,
    acknowledgeBy: ticket.acknowledgeBy,
    acknowledgeExtensionReason: ticket.acknowledgeExtensionReason,
    forwardBy: ticket.forwardBy,
    notifyBy: ticket.notifyBy,
    notifiedAt: ticket.notifiedAt,
    dueAt: ticket.dueAt,
    acknowledgedAt: ticket.acknowledgedAt,
    answeredAt: ticket.answeredAt,
    closedAt: ticket.closedAt,
    disputedAt: ticket.disputedAt,
    residentResolved: ticket.residentResolved,
    satisfaction: ticket.satisfaction,
    descriptionSha256: createHash('sha256').update(ticket.description).digest('hex'),
  };
}

/** Only the fields that changed, before and after. */
export function diff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
} {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const x = JSON.stringify(before[key] ?? null);
    const y = JSON.stringify(after[key] ?? null);
    if (x !== y) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

/** The resident as an actor of the audit trail: their internal number, never their name or chat id. */
export function residentActor(residentId: number): Actor {
  return { name: `resident#${residentId}`, role: 'resident' };
}

export function actorLabel(actor: Actor): string {
  return `${actor.role}:${actor.name}`;
}

/** Records a change of a ticket (only changed fields) in the audit trail. */
export async function auditTicketChange(
  tx: TicketOps,
  actor: Actor,
  action: string,
  before: Ticket | null,
  after: Ticket,
  at: Date,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const d = before ? diff(auditSnapshot(before), auditSnapshot(after)) : { before: null, after: auditSnapshot(after) };
  await tx.appendAudit(
    {
      actor: actorLabel(actor),
      action,
      entity: 'ticket',
      entityId: after.code,
      before: d.before,
      after: { ...d.after, ...extra },
    },
    at,
  );
}

/** Queues a message to the resident on the channel the ticket came from; false when nobody can be reached. */
export async function queueToResident(
  tx: TicketOps,
  ticket: Ticket,
  dedupeKey: string,
  payload: OutboxPayload,
  at: Date,
): Promise<boolean> {
  if (ticket.residentId === null) return false;
  const resident = await tx.getResident(ticket.residentId);
  if (!resident) return false;
  return tx.enqueueOutbox(
    { dedupeKey, ticketId: ticket.id, channel: ticket.channel, channelUserId: resident.channelUserId, payload },
    at,
  );
}

/** The one answer to a code that is unknown — or someone else's, which must not be told apart from unknown. */
export function ticketNotFound(code: string, internal = `Ticket ${code} not found`): AppError {
  return new AppError('NOT_FOUND', internal, { userMessage: `Không tìm thấy yêu cầu có mã ${code}.` });
}

export async function requireTicket(tx: TicketOps, code: string, options: { lock?: boolean } = {}): Promise<Ticket> {
  const ticket = await tx.findTicket({ code }, options);
  if (!ticket) throw ticketNotFound(code);
  return ticket;
}

/** Whether the ticket belongs to one of the actor's units (always, for actors without units). */
export function isInScope(actor: Actor, ticket: Pick<Ticket, 'unitCode'>): boolean {
  return actor.units === undefined || (ticket.unitCode !== null && actor.units.includes(ticket.unitCode));
}

/** Another unit's ticket is answered like an unknown code: its existence is not the actor's business. */
export function assertInScope(actor: Actor, ticket: Ticket): void {
  if (!isInScope(actor, ticket)) throw ticketNotFound(ticket.code, `Ticket ${ticket.code} outside the actor's units`);
}

/** Officers act on tickets; denunciations only by inspectors and leads (the denouncer's identity is theirs to see). */
export function assertMayHandle(actor: Actor, ticket: Ticket): void {
  assertInScope(actor, ticket);
  const allowed =
    ticket.kind === 'denunciation' ? ['inspector', 'lead', 'system'] : ['officer', 'inspector', 'lead', 'system'];
  if (!allowed.includes(actor.role)) {
    throw new AppError('FORBIDDEN', `Role ${actor.role} may not handle ${ticket.kind} ${ticket.code}`, {
      userMessage:
        ticket.kind === 'denunciation'
          ? 'Chỉ thanh tra viên hoặc lãnh đạo được xử lý đơn tố cáo.'
          : 'Vai trò của bạn không được xử lý yêu cầu này.',
    });
  }
}

/**
 * The resident pressing a button must be the one who filed the ticket. Anyone else's press is answered exactly as
 * for an unknown code (the button handler counts it as a wrong code): whether a code exists is never told.
 */
export async function assertOwner(
  tx: TicketOps,
  ticket: Ticket,
  resident: { channel: string; channelUserId: string },
): Promise<number> {
  const residentId = await tx.findResidentId({ channel: resident.channel, channelUserId: resident.channelUserId });
  if (residentId === null || ticket.residentId !== residentId) {
    throw ticketNotFound(ticket.code, `Resident is not the owner of ${ticket.code}`);
  }
  return residentId;
}

export function afterCommit(deps: TicketDeps, queued: boolean): void {
  if (queued) deps.notifier?.notify();
}

export function normaliseCodeOrThrow(code: string, parse: (c: string) => { ok: boolean; code?: string }): string {
  const parsed = parse(code);
  if (!parsed.ok || !parsed.code)
    throw new AppError('BAD_INPUT', 'Invalid tracking code', {
      userMessage: `Mã "${code}" không đúng. Mã có dạng PA-2611-7K3QXW; vui lòng kiểm tra lại.`,
    });
  return parsed.code;
}

/** Name, phone and address of a stored personal row, without the dispute reason kept beside them. */
export function personalPart(stored: StoredTicketPersonal): TicketPersonalData {
  return { fullName: stored.fullName, phone: stored.phone, address: stored.address };
}

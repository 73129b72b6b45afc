// Use case: one ticket in full for an officer — facts, description, personal data (as the role allows), attachments,
// delivery of replies and its audit history. Showing someone's personal data is itself recorded in the audit trail.

import { AppError } from '../shared/errors.js';
import type { TicketDeps } from './deps.js';
import { isDisputed } from './list-tickets.js';
import { canSeeIdentity, HIDDEN_IDENTITY, type PersonalView, viewPersonal } from './privacy.js';
import { type PublicTicketView, toPublicView } from './public-view.js';
import { actorLabel, assertInScope, personalPart, requireTicket } from './ticket-helpers.js';
import { parseTrackingCode } from './tracking-code.js';
import type { Actor, AuditRow, OutboxStatus, TicketAttachment, TicketNote } from './types.js';

export interface ShowTicketOptions {
  code: string;
  actor: Actor;
}

export interface TicketDetail extends PublicTicketView {
  description: string;
  /** The old unit (before the reorganisation) it was filed under or the resident named: its code. */
  oldCommune: string | null;
  /** The place as recorded when filed ("Xã Nông Thượng, Thành phố Bắc Kạn (cũ)"). */
  filedPlace: string | null;
  isRemoteArea: boolean;
  isComplex: boolean;
  isSecondTime: boolean;
  extensions: number;
  channel: string;
  unitCode: string | null;
  assignee: string | null;
  acknowledgedAt: Date | null;
  /** Denunciations: why the acceptance period was lengthened (officers' words). */
  acknowledgeExtensionReason: string | null;
  notifiedAt: Date | null;
  disputedAt: Date | null;
  isDisputed: boolean;
  /**
   * The resident's last dispute of an answer: when, whether it still waits for a new answer, and their reason
   * (null when none was given; hidden like the description from roles that may not see a denouncer's words).
   */
  dispute: { at: Date; isOpen: boolean; reason: string | null } | null;
  residentResolved: boolean | null;
  satisfaction: number | null;
  personal: PersonalView;
  /** Photos and files (stored ones are served by the console's scoped route); empty for roles that may not see them. */
  attachments: TicketAttachment[];
  /** Officers' internal notes: never shown or sent to the resident. */
  notes: TicketNote[];
  messages: Array<{
    id: number;
    status: OutboxStatus;
    attempts: number;
    lastError: string | null;
    createdAt: Date;
    sentAt: Date | null;
    preview: string;
    /** Told by phone instead (status phoned): who, and their note. */
    phonedBy: string | null;
    phoneNote: string | null;
  }>;
  history: Array<Pick<AuditRow, 'id' | 'at' | 'actor' | 'action' | 'before' | 'after'>>;
}

export async function showTicket(deps: TicketDeps, options: ShowTicketOptions): Promise<TicketDetail> {
  const parsed = parseTrackingCode(options.code);
  if (!parsed.ok) throw new AppError('BAD_INPUT', 'Invalid code', { userMessage: `Mã "${options.code}" không đúng.` });
  const ticket = await requireTicket(deps.store, parsed.code);
  assertInScope(options.actor, ticket);
  const identityVisible = canSeeIdentity(options.actor.role, ticket.kind);
  // the dispute reason lives in the personal row: read it for a disputed ticket even when the identity is hidden
  const stored = identityVisible || ticket.disputedAt ? await deps.store.getPersonal(ticket.id) : null;
  const personalData = identityVisible && stored ? personalPart(stored) : null;
  const disputeReason = ticket.disputedAt ? (stored?.disputeReason ?? null) : null;
  const viewedFields = [
    ...Object.entries(personalData ?? {})
      .filter(([, v]) => v !== null)
      .map(([k]) => k),
    ...(identityVisible && disputeReason !== null ? ['disputeReason'] : []),
  ];
  if (viewedFields.length > 0) {
    const now = deps.clock.now();
    await deps.store.transaction((tx) =>
      tx.appendAudit(
        {
          actor: actorLabel(options.actor),
          action: 'personal.viewed',
          entity: 'ticket',
          entityId: ticket.code,
          before: null,
          after: { fields: viewedFields },
        },
        now,
      ),
    );
  }
  const messages = await deps.store.listOutboxForTicket(ticket.id);
  const history = deps.audit ? await deps.audit.listAuditFor('ticket', ticket.code) : [];
  return {
    ...toPublicView(ticket, deps.settings),
    description: identityVisible
      ? ticket.description
      : `${HIDDEN_IDENTITY} (nội dung đơn tố cáo chỉ thanh tra viên, lãnh đạo được xem)`,
    oldCommune: ticket.oldCommune,
    filedPlace: ticket.filedPlace,
    isRemoteArea: ticket.isRemoteArea,
    isComplex: ticket.isComplex,
    isSecondTime: ticket.isSecondTime,
    extensions: ticket.extensions,
    channel: ticket.channel,
    unitCode: ticket.unitCode,
    assignee: ticket.assignee,
    acknowledgedAt: ticket.acknowledgedAt,
    acknowledgeExtensionReason: ticket.acknowledgeExtensionReason,
    notifiedAt: ticket.notifiedAt,
    disputedAt: ticket.disputedAt,
    isDisputed: isDisputed(ticket),
    dispute: ticket.disputedAt
      ? {
          at: ticket.disputedAt,
          isOpen: isDisputed(ticket),
          reason: disputeReason === null ? null : identityVisible ? disputeReason : HIDDEN_IDENTITY,
        }
      : null,
    residentResolved: ticket.residentResolved,
    satisfaction: ticket.satisfaction,
    personal: viewPersonal(options.actor.role, ticket.kind, personalData, { masked: false }),
    attachments: identityVisible ? await deps.store.listAttachments(ticket.id) : [],
    // a note on a denunciation may name the denouncer: only for those who may see them
    notes: identityVisible ? await deps.store.listNotes(ticket.id) : [],
    messages: messages.map((m) => ({
      id: m.id,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      createdAt: m.createdAt,
      sentAt: m.sentAt,
      preview: m.payload.text.split('\n')[0]?.slice(0, 80) ?? '',
      phonedBy: m.phonedBy ?? null,
      phoneNote: m.phoneNote ?? null,
    })),
    history: history.map((h) => ({
      id: h.id,
      at: h.at,
      actor: h.actor,
      action: h.action,
      before: h.before,
      after: h.after,
    })),
  };
}

// Use case: one photo or file of a ticket, for an officer who may see the ticket's attachments: within their units
// (another unit's ticket is answered as unknown) and, for a denunciation, an inspector or lead. The caller reads the
// bytes from the attachment store.
import type { TicketDeps } from './deps.js';
import { canSeeIdentity } from './privacy.js';
import { assertInScope, requireTicket, ticketNotFound } from './ticket-helpers.js';
import { parseTrackingCode } from './tracking-code.js';
import type { Actor, TicketAttachment } from './types.js';

export interface ShowTicketAttachmentOptions {
  code: string;
  attachmentId: number;
  actor: Actor;
}

export async function showTicketAttachment(
  deps: TicketDeps,
  options: ShowTicketAttachmentOptions,
): Promise<TicketAttachment> {
  const parsed = parseTrackingCode(options.code);
  if (!parsed.ok) throw ticketNotFound(options.code);
  const ticket = await requireTicket(deps.store, parsed.code);
  assertInScope(options.actor, ticket);
  // the same rule as the ticket page: who may not see a denouncer's words may not see their photos either
  if (!canSeeIdentity(options.actor.role, ticket.kind)) throw ticketNotFound(ticket.code, 'Attachment hidden by role');
  const found = (await deps.store.listAttachments(ticket.id)).find((a) => a.id === options.attachmentId);
  if (!found) throw ticketNotFound(ticket.code, `No attachment ${options.attachmentId} on ${ticket.code}`);
  return found;
}

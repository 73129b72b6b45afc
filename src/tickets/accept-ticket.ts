// Use case: accept (thụ lý) a ticket; for complaints and denunciations this starts the legal answer period.
import { changeTicketStatus } from './change-ticket-status.js';
import type { TicketDeps } from './deps.js';
import type { Actor, Ticket } from './types.js';

export interface AcceptTicketOptions {
  code: string;
  actor: Actor;
  /** Complex case: 45 instead of 30 days for a complaint (60/70 in remote areas or second time). */
  isComplex?: boolean | undefined;
  isSecondTime?: boolean | undefined;
  note?: string | undefined;
}

export function acceptTicket(deps: TicketDeps, options: AcceptTicketOptions): Promise<Ticket> {
  return changeTicketStatus(deps, {
    code: options.code,
    to: 'accepted',
    actor: options.actor,
    reason: options.note,
    isComplex: options.isComplex,
    isSecondTime: options.isSecondTime,
  });
}

// The ticket state machine: which status may follow which (answers go through answerTicket, reopening only
// through disputeTicket).
import type { TicketStatus } from './types.js';

export const TRANSITIONS: Record<TicketStatus, TicketStatus[]> = {
  received: ['accepted', 'refused', 'forwarded', 'in_progress', 'closed'],
  accepted: ['in_progress', 'forwarded', 'closed'],
  in_progress: ['forwarded', 'closed'],
  answered: ['closed', 'in_progress'],
  refused: ['closed'],
  forwarded: ['closed'],
  closed: [],
};

/** answerTicket may answer from these states. */
export const ANSWERABLE: TicketStatus[] = ['received', 'accepted', 'in_progress'];

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** States still waiting for the desk (they have a running deadline). */
export const OPEN_STATUSES: TicketStatus[] = ['received', 'accepted', 'in_progress'];

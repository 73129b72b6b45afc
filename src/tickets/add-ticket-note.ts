// Use case: an officer's internal note on a ticket — kept with the ticket, shown to the officers who may handle it,
// never shown or sent to the resident. The audit trail records that a note was added and its hash (audit rows can
// never be erased, and a note may name people).
import { createHash } from 'node:crypto';
import { AppError } from '../shared/errors.js';
import type { TicketDeps } from './deps.js';
import { actorLabel, assertMayHandle, requireTicket } from './ticket-helpers.js';
import { parseTrackingCode } from './tracking-code.js';
import type { Actor, TicketNote } from './types.js';

export const MAX_NOTE_LENGTH = 4000;

export interface AddTicketNoteOptions {
  code: string;
  actor: Actor;
  text: string;
}

export async function addTicketNote(deps: TicketDeps, options: AddTicketNoteOptions): Promise<TicketNote> {
  const parsed = parseTrackingCode(options.code);
  if (!parsed.ok) throw new AppError('BAD_INPUT', 'Invalid code', { userMessage: `Mã "${options.code}" không đúng.` });
  const text = options.text.trim();
  if (!text) throw new AppError('BAD_INPUT', 'Empty note', { userMessage: 'Ghi chú nội bộ không được để trống.' });
  if (text.length > MAX_NOTE_LENGTH)
    throw new AppError('BAD_INPUT', 'Note too long', {
      userMessage: `Ghi chú nội bộ dài quá ${MAX_NOTE_LENGTH} ký tự; vui lòng rút gọn.`,
    });
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const ticket = await requireTicket(tx, parsed.code, { lock: true });
    assertMayHandle(options.actor, ticket);
    const note = await tx.insertNote(ticket.id, { author: options.actor.name, text }, now);
    await tx.appendAudit(
      {
        actor: actorLabel(options.actor),
        action: 'ticket.note_added',
        entity: 'ticket',
        entityId: ticket.code,
        before: null,
        after: { note: note.id, textSha256: createHash('sha256').update(text).digest('hex') },
      },
      now,
    );
    return note;
  });
}

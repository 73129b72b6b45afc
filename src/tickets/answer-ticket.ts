// Use case: an officer's public answer. Status → answered, and the answer (with "Vấn đề đã được giải quyết
// chưa?" buttons) is queued to the resident in the same transaction.
import { AppError } from '../shared/errors.js';
import type { TicketDeps } from './deps.js';
import { ANSWERABLE } from './lifecycle.js';
import { answerMessage } from './messages.js';
import { afterCommit, assertMayHandle, auditTicketChange, queueToResident, requireTicket } from './ticket-helpers.js';
import { parseTrackingCode } from './tracking-code.js';
import { type Actor, STATUS_LABEL, type Ticket, type TicketPatch } from './types.js';

export interface AnswerTicketOptions {
  code: string;
  /** Public: the resident and anyone with the code can read it. Never put personal data in it. */
  answer: string;
  actor: Actor;
}

export async function answerTicket(deps: TicketDeps, options: AnswerTicketOptions): Promise<Ticket> {
  const parsed = parseTrackingCode(options.code);
  if (!parsed.ok) throw new AppError('BAD_INPUT', 'Invalid code', { userMessage: `Mã "${options.code}" không đúng.` });
  const answer = options.answer.normalize('NFC').trim();
  if (answer.length < 5)
    throw new AppError('BAD_INPUT', 'Answer too short', { userMessage: 'Nội dung trả lời quá ngắn.' });
  if (answer.length > 3500)
    throw new AppError('BAD_INPUT', 'Answer too long', {
      userMessage: 'Nội dung trả lời quá dài cho một tin nhắn (tối đa 3.500 ký tự); hãy tóm tắt và gửi kèm văn bản.',
    });
  const now = deps.clock.now();
  const result = await deps.store.transaction(async (tx) => {
    const before = await requireTicket(tx, parsed.code, { lock: true });
    assertMayHandle(options.actor, before);
    if (!ANSWERABLE.includes(before.status))
      throw new AppError('CONFLICT', `Cannot answer in status ${before.status}`, {
        userMessage: `Không thể trả lời yêu cầu đang ở trạng thái "${STATUS_LABEL[before.status]}".`,
      });
    const patch: TicketPatch = {
      status: 'answered',
      publicAnswer: answer,
      answeredAt: now,
      residentResolved: null,
      satisfaction: null,
    };
    if (before.acknowledgedAt === null) patch.acknowledgedAt = now;
    const after = await tx.updateTicket(before.id, patch);
    await auditTicketChange(tx, options.actor, 'ticket.answered', before, after, now);
    // a question the bot could not answer, handed to staff as this ticket: it leaves the staff queue too
    if (after.kind === 'question') await tx.resolveQueuedQuestions(after, now);
    const queued = await queueToResident(
      tx,
      after,
      `ticket:${after.id}:answer:${now.getTime()}`,
      answerMessage(after, deps.addressForm ?? 'Bạn'),
      now,
    );
    return { after, queued };
  });
  afterCommit(deps, result.queued);
  return result.after;
}

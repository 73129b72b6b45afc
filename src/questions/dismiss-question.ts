// Use case: "bỏ qua": staff close a queued question without answering it (out of scope, a duplicate…), with a reason.
import { AppError } from '../shared/errors.js';
import type { QuestionActor, QuestionDeps } from './deps.js';

export async function dismissQuestion(
  deps: QuestionDeps,
  options: { id: number; reason: string; actor: QuestionActor },
): Promise<void> {
  const reason = options.reason.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, 1000);
  if (reason.length < 3)
    throw new AppError('BAD_INPUT', 'Dismiss reason missing', {
      userMessage: 'Hãy ghi lý do bỏ qua câu hỏi (ví dụ: ngoài phạm vi, trùng lặp).',
    });
  await deps.queue.resolve({
    id: options.id,
    status: 'dismissed',
    note: reason,
    now: deps.tickets.clock.now(),
    actor: options.actor.login,
  });
}

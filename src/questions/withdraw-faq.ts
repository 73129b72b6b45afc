// Use case: an editor withdraws an FAQ entry: the document leaves the knowledge base (the bot stops citing it at
// the next revision, picked up at once here and within the refresh interval on other instances), audited.
import { AppError } from '../shared/errors.js';
import type { QuestionActor, QuestionDeps } from './deps.js';
import { FAQ_PREFIX } from './faq-document.js';

export async function withdrawFaq(deps: QuestionDeps, options: { code: string; actor: QuestionActor }): Promise<void> {
  const code = options.code.trim().toUpperCase();
  const notFound = new AppError('NOT_FOUND', `No FAQ entry ${code}`, {
    userMessage: `Không có câu trả lời mẫu ${code}.`,
  });
  if (!code.startsWith(FAQ_PREFIX)) throw notFound;
  const question = await deps.queue.findByFaq(code);
  const removed = await deps.knowledge.removeDocument(code);
  if (!removed && !question) throw notFound;
  if (question)
    await deps.queue.setFaq({
      id: question.id,
      faqCode: null,
      now: deps.tickets.clock.now(),
      actor: options.actor.login,
    });
  await deps.knowledgeChanged();
}

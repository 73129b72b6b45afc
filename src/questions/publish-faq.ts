// Use case: publish a question and staff's answer as a reviewed FAQ entry: a knowledge-base document of its own
// (FAQ-<id>, in the database, so every instance and every restart has it), then the search index is told.
import type { QuestionActor, QuestionDeps } from './deps.js';
import { toFaqDraft } from './faq-document.js';

export async function publishFaq(
  deps: QuestionDeps,
  options: { id: number; question: string; answer: string; actor: QuestionActor },
): Promise<string> {
  const now = deps.tickets.clock.now();
  const draft = toFaqDraft({
    questionId: options.id,
    question: options.question,
    answer: options.answer,
    login: options.actor.login,
    label: options.actor.label,
    answeredAt: now,
  });
  await deps.knowledge.upsertDocument(draft);
  await deps.queue.setFaq({ id: options.id, faqCode: draft.code, now, actor: options.actor.login });
  await deps.knowledgeChanged();
  return draft.code;
}

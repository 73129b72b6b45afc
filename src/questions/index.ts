// Public face of the question queue: what the bot could not answer, answered by staff in the console, sent back to
// the resident through the outbox, and (when marked) published as FAQ entries the bot then retrieves and cites.
export {
  type AnswerQueuedQuestionResult,
  answerLeadIn,
  answerQueuedQuestion,
  MAX_ANSWER_CHARS,
} from './answer-queued-question.js';
export type { QuestionActor, QuestionDeps } from './deps.js';
export { dismissQuestion } from './dismiss-question.js';
export { evaluateFaq, type FaqEvalReport, PARAPHRASE_KINDS, paraphrasesOf } from './evaluate-faq.js';
export { FAQ_PREFIX, faqCodeOf, faqSourceLine, toFaqDraft } from './faq-document.js';
export { type FaqEntry, listFaq } from './list-faq.js';
export { publishFaq } from './publish-faq.js';
export { withdrawFaq } from './withdraw-faq.js';

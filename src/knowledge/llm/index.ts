// LLM answers: the ChatModel port, the prompt, the faithfulness check, fixed-reply routing and the writer.
export { ANSWER_PROMPT_PATH, formatAnswerRequest, formatPassage, loadAnswerPrompt } from './answer-prompt.js';
export type { ChatModel, ChatRequest } from './chat-model.js';
export {
  type CheckFaithfulnessInput,
  canonicalText,
  checkFaithfulness,
  type FaithfulnessFailure,
  type FaithfulnessResult,
} from './check-faithfulness.js';
export {
  createLlmAnswerWriter,
  type LlmAnswerStats,
  type LlmAnswerWriter,
  type LlmAnswerWriterOptions,
} from './llm-answer-writer.js';
export { fixedReply, type QuestionRoute, routeQuestion } from './route-question.js';

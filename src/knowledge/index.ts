// Public face of the knowledge context: ingestion, search, answers and evaluation. Other contexts import
// from here only.

export {
  type AddressForm,
  createExtractiveWriter,
  type ExtractiveWriterOptions,
  notFoundMessage,
} from './answer/index.js';
export {
  type AnswerQuestionOptions,
  answerQuestion,
  createAnswerer,
  MAX_QUESTION_CHARS,
  type QuestionAnswerer,
  warmUpAnswering,
} from './answer-question.js';
export {
  type EvalQuestion,
  type EvalReport,
  parseQuestions,
  readQuestions,
  runEval,
  scoreRun,
  selectSplit,
} from './eval/index.js';
export {
  addDocuments,
  createMemoryKnowledgeStore,
  ensureKnowledgeIndexed,
  listDocuments,
  loadDocuments,
  reindexKnowledge,
  removeDocument,
} from './ingest/index.js';
export { type OpenInProcessAnsweringInput, openInProcessAnswering } from './open-in-process-answering.js';
export {
  detectAspects,
  type KnowledgeSearch,
  type LexicalRetrievalResult,
  LexicalRetriever,
  type OpenKnowledgeSearchOptions,
  openKnowledgeSearch,
  WARM_UP_QUESTIONS,
} from './search/index.js';
export type {
  Answer,
  AnswerWriter,
  Aspect,
  IndexedChunk,
  KnowledgeStore,
  Level,
  Passage,
  RankedPassage,
  RetrievalResult,
  RetrieveOptions,
  Retriever,
  SourceRef,
} from './types.js';
export { loadSynonyms, parseSynonyms, type SynonymTable } from './vietnamese/index.js';
export {
  type KnowledgeWorker,
  type KnowledgeWorkerOptions,
  startKnowledgeWorker,
} from './worker/start-knowledge-worker.js';

// Public face of retrieval/answer evaluation: question files, the run, and its scoring.
export {
  type EvalQuestion,
  HASH_SPLITS,
  type HashSplit,
  hashSplit,
  parseQuestions,
  readQuestions,
  selectSplit,
} from './questions.js';
export { type RunEvalOptions, runEval } from './run-eval.js';
export { type EvalOutcome, type EvalReport, type GroupScore, hasAllFacts, normalizeFact, scoreRun } from './score.js';

// Use case: sends every eval question through the bot's own answer path and scores the run.
import type { Answer } from '../types.js';
import { foldDiacritics } from '../vietnamese/index.js';
import type { EvalQuestion } from './questions.js';
import { type EvalOutcome, type EvalReport, scoreRun } from './score.js';

export interface RunEvalOptions {
  questions: readonly EvalQuestion[];
  /**
   * The same function the bot answers with (answerQuestion over the configured retriever and writer). `focusCode`
   * answers about one document, as the conversation does once a resident picks an option of a clarifying question.
   */
  ask: (question: string, options?: { focusCode?: string | undefined }) => Promise<Answer>;
  /** Fold every question's diacritics first: measures the "typed without accents" bar on the same set. */
  stripDiacritics?: boolean | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** Runs the questions one after another (latency is per question, as a resident would wait). */
export async function runEval(options: RunEvalOptions): Promise<{ report: EvalReport; outcomes: EvalOutcome[] }> {
  const outcomes: EvalOutcome[] = [];
  let done = 0;
  for (const q of options.questions) {
    const question = options.stripDiacritics ? foldDiacritics(q.question) : q.question;
    const startedAt = performance.now();
    const answer = await options.ask(question);
    const latencyMs = performance.now() - startedAt;
    // asked back which variant is meant, the resident picks theirs (the gold, when offered) and gets that answer:
    // the fact is looked for there, as the resident would read it after one tap
    const picked = answer.clarify?.options.find((o) => q.gold.includes(o.code));
    const followUp = picked ? await options.ask(question, { focusCode: picked.code }) : undefined;
    outcomes.push({
      id: q.id,
      codes: answer.docCodes.slice(0, 10),
      abstained: answer.abstained,
      clarifyOptions: answer.clarify?.options.map((o) => o.code),
      answer: answer.text,
      ...(followUp ? { followUpAnswer: followUp.text } : {}),
      latencyMs,
    });
    options.onProgress?.(++done, options.questions.length);
  }
  return { report: scoreRun(options.questions, outcomes), outcomes };
}

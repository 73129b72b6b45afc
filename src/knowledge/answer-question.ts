// Use case: a resident's question → retrieval → a sourced answer (or a plain "not found"). The one path the
// bot, `tiepdan ask`, `/api/ask` and `tiepdan eval` all take.
import { type AddressForm, emptyQuestionMessage, tooLongMessage } from './answer/messages.js';
import { resolveVariants } from './search/variants.js';
import type { Answer, AnswerWriter, RetrievalResult, Retriever } from './types.js';
import { expandShorthand } from './vietnamese/index.js';

/** Longest question searched; longer text gets a message asking to shorten it (50,000 characters never crash). */
export const MAX_QUESTION_CHARS = 2000;

/** Passages asked of the retriever: the best document's passages plus enough others to rank ten documents. */
const PASSAGES = 30;

export interface AnswerQuestionOptions {
  question: string;
  retriever: Retriever;
  writer: AnswerWriter;
  /** Answer about this document (follow-up: "còn lệ phí thì sao?" after a question about one procedure). */
  focusCode?: string | undefined;
  addressForm?: AddressForm | undefined;
  maxChars?: number | undefined;
  /** Ask back which variant is meant when the question does not say (default true; eval measures both). */
  clarify?: boolean | undefined;
  /** Also return the ranked passages with their scores (the console's "Thử câu hỏi"). */
  explain?: boolean | undefined;
}

/** Passages returned with an explained answer. */
const EXPLAINED_PASSAGES = 10;

function withPassages(answer: Answer, retrieval: RetrievalResult, explain: boolean | undefined): Answer {
  if (!explain) return answer;
  const passages = retrieval.passages.slice(0, EXPLAINED_PASSAGES).map((p) => ({
    code: p.code,
    title: p.title,
    section: p.section,
    score: p.score,
    text: p.text,
  }));
  return { ...answer, passages };
}

/** Control characters, HTML tags and markup noise are not words to search for. */
function cleanQuestion(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/<[^<>]{0,500}>/g, ' ')
    .replace(/&(?:nbsp|amp|lt|gt|quot|#\d+);/g, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function fixedReply(text: string): Answer {
  return { text, abstained: true, aspect: 'none', docCodes: [], sources: [] };
}

/**
 * Answers one question. Never throws for bad input: an empty or emoji-only question, or one that is too long,
 * gets a clear Vietnamese reply instead. Retrieval or writer failures (bugs, a failing LLM endpoint without
 * fallback) propagate to the caller's one error handler.
 */
export async function answerQuestion(options: AnswerQuestionOptions): Promise<Answer> {
  const address = options.addressForm ?? 'Bạn';
  const max = options.maxChars ?? MAX_QUESTION_CHARS;
  if (options.question.length > max) return fixedReply(tooLongMessage(max, address));
  const question = expandShorthand(cleanQuestion(options.question));
  if (!/[\p{L}\p{N}]/u.test(question)) return fixedReply(emptyQuestionMessage(address));

  if (options.focusCode) {
    const focused = await options.retriever.retrieve(question, { k: PASSAGES, code: options.focusCode });
    // the document may have been removed since, or share no word with the question: search everything
    if (focused.passages.length > 0)
      return withPassages(await options.writer.write({ question, retrieval: focused }), focused, options.explain);
  }
  const retrieval = await options.retriever.retrieve(question, { k: PASSAGES });
  const decision = retrieval.abstained
    ? undefined
    : resolveVariants({ question, passages: retrieval.passages, addressForm: address });
  if (decision?.kind === 'prefer') {
    // the question's own words ("bị mất", "chồng Hàn") choose a variant ranked just below the best one
    const chosen = await options.retriever.retrieve(question, { k: PASSAGES, code: decision.code });
    if (chosen.passages.length > 0) {
      const answer = withPassages(await options.writer.write({ question, retrieval: chosen }), chosen, options.explain);
      return { ...answer, docCodes: [decision.code, ...rankedCodes(retrieval).filter((c) => c !== decision.code)] };
    }
  }
  if (decision?.kind === 'clarify' && options.clarify !== false) {
    const titles = new Map(retrieval.passages.map((p) => [p.code, p.title]));
    const lines = decision.options.map(
      (o, i) => `${i + 1}. ${o.label}: ${titles.get(o.code) ?? o.code} (mã ${o.code})`,
    );
    // `text` lists the options by name too, for callers that show no buttons (`tiepdan ask`, `/api/ask`)
    return withPassages(
      {
        text: [decision.question, ...lines].join('\n'),
        abstained: false,
        aspect: retrieval.aspect,
        docCodes: rankedCodes(retrieval),
        sources: [],
        clarify: { question: decision.question, options: decision.options },
      },
      retrieval,
      options.explain,
    );
  }
  return withPassages(await options.writer.write({ question, retrieval }), retrieval, options.explain);
}

function rankedCodes(retrieval: RetrievalResult): string[] {
  const codes: string[] = [];
  for (const p of retrieval.passages) if (!codes.includes(p.code)) codes.push(p.code);
  return codes;
}

/** The knowledge base as the conversation sees it (its `Answerer` port): one `ask` per question. */
export interface QuestionAnswerer {
  ask(question: string, options?: { focusCode?: string | undefined; explain?: boolean | undefined }): Promise<Answer>;
}

export function createAnswerer(options: {
  retriever: Retriever;
  writer: AnswerWriter;
  addressForm?: AddressForm | undefined;
}): QuestionAnswerer {
  return {
    ask: (question, askOptions) =>
      answerQuestion({ ...options, question, focusCode: askOptions?.focusCode, explain: askOptions?.explain }),
  };
}

/**
 * Answers warm-up questions through the whole path, so that later questions get the steady-state latency
 * (the JavaScript engine compiles the search loops on first use). Yields to the event loop between
 * questions, so a service warming up in the background still answers real questions first. Errors are
 * ignored (an LLM endpoint may be down at start-up).
 */
export async function warmUpAnswering(
  answerer: QuestionAnswerer,
  questions: readonly string[],
  rounds = 2,
): Promise<void> {
  for (let round = 0; round < rounds; round++)
    for (const question of questions) {
      await new Promise((resolve) => setImmediate(resolve));
      await answerer.ask(question).catch(() => undefined);
    }
}

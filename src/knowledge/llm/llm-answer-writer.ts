// AnswerWriter backed by a chat model: answers from the numbered passages, checked for faithfulness,
// with the extractive writer as the fallback for every failure.
import type { Logger } from '../../shared/logger.js';
import type { Answer, AnswerWriter, Passage, RetrievalResult, SourceRef } from '../types.js';
import { formatAnswerRequest, formatPassage } from './answer-prompt.js';
import type { ChatModel } from './chat-model.js';
import { checkFaithfulness, type FaithfulnessFailure } from './check-faithfulness.js';
import { fixedReply, type QuestionRoute, routeQuestion } from './route-question.js';

export interface LlmAnswerWriterOptions {
  chat: ChatModel;
  /** The extractive writer: used when the model fails, times out, or writes something unfaithful. */
  fallback: AnswerWriter;
  /** System prompt (see `loadAnswerPrompt`). */
  systemPrompt: string;
  logger?: Pick<Logger, 'warn'> | undefined;
  /** How the bot addresses residents in fixed replies ("Bạn" or "Quý vị"). */
  addressForm?: string;
  /** Passages shown to the model (default 6). */
  maxPassages?: number;
  /** Characters of one passage shown to the model (default 1,500). */
  maxPassageChars?: number;
  maxTokens?: number;
  /** Give up on the model after this long and answer extractively (default 20 s). */
  timeoutMs?: number;
}

/** Counters only: the writer never logs a question or an answer. */
export interface LlmAnswerStats {
  generated: number;
  routed: number;
  /** The model said the passages do not answer. */
  declined: number;
  rejected: Partial<Record<FaithfulnessFailure, number>>;
  timeouts: number;
  upstreamErrors: number;
}

export type LlmAnswerWriter = AnswerWriter & { stats(): LlmAnswerStats };

const NO_ANSWER_MARKER = '[[KHONG_CO_THONG_TIN]]';
const ROUTE_MARKER = /\[\[CHUYEN:(khan_cap|tu_van_rieng|tai_khoan)\]\]/;

function sourceOf(p: Passage): SourceRef {
  return { code: p.code, title: p.title, url: p.url, section: p.section };
}

function uniqueCodes(passages: readonly Passage[]): string[] {
  return [...new Set(passages.map((p) => p.code))];
}

function sourcesFooter(cited: readonly number[], passages: readonly Passage[]): string {
  const lines = cited.map((n) => {
    const p = passages[n - 1] as Passage;
    return `[${n}] ${p.title} (mã ${p.code}${p.section ? `, ${p.section}` : ''})${p.url ? ` — ${p.url}` : ''}`;
  });
  return `Nguồn:\n${lines.join('\n')}`;
}

/**
 * Writes answers with a chat model. Order of decisions: questions that need a fixed reply (crisis,
 * personal legal advice, accounts) get it without calling the model; a retrieval that abstained goes to
 * the fallback (which says plainly that nothing was found); otherwise the model answers from the top
 * passages, and its answer is used only if `checkFaithfulness` accepts it. Sources always come from the
 * cited passages, never from the model's text.
 */
export function createLlmAnswerWriter(options: LlmAnswerWriterOptions): LlmAnswerWriter {
  const { chat, fallback, systemPrompt, logger } = options;
  const addressForm = options.addressForm ?? 'Bạn';
  const maxPassages = options.maxPassages ?? 6;
  const maxPassageChars = options.maxPassageChars ?? 1500;
  const maxTokens = options.maxTokens ?? 500;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const stats: LlmAnswerStats = { generated: 0, routed: 0, declined: 0, rejected: {}, timeouts: 0, upstreamErrors: 0 };

  function routed(route: QuestionRoute, retrieval: RetrievalResult): Answer {
    stats.routed++;
    return {
      text: fixedReply(route, addressForm),
      abstained: false,
      aspect: retrieval.aspect,
      docCodes: [],
      sources: [],
    };
  }

  async function complete(user: string): Promise<string | undefined> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await chat.complete({ system: systemPrompt, user, maxTokens, signal: controller.signal });
    } catch (error) {
      const timedOut = controller.signal.aborted || (error as Error)?.name === 'APIConnectionTimeoutError';
      if (timedOut) stats.timeouts++;
      else stats.upstreamErrors++;
      // error messages from an API may echo request details; log the kind and counters only
      logger?.warn(
        {
          event: 'llm_answer_fallback',
          reason: timedOut ? 'timeout' : 'upstream_error',
          status: (error as { details?: { status?: number } })?.details?.status,
          timeouts: stats.timeouts,
          upstreamErrors: stats.upstreamErrors,
        },
        'chat model unavailable; answering extractively',
      );
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    stats: () => structuredClone(stats),
    async write(input): Promise<Answer> {
      const { question, retrieval } = input;
      const route = routeQuestion(question);
      if (route) return routed(route, retrieval);
      if (retrieval.abstained || retrieval.passages.length === 0) return fallback.write(input);

      const passages = retrieval.passages.slice(0, maxPassages);
      const shown = passages.map((p) => formatPassage(p, maxPassageChars));
      const reply = await complete(formatAnswerRequest(question, shown));
      if (reply === undefined) return fallback.write(input);

      const text = reply.trim();
      const marker = ROUTE_MARKER.exec(text);
      if (marker) return routed(marker[1] as QuestionRoute, retrieval);
      if (text.includes(NO_ANSWER_MARKER)) {
        stats.declined++;
        return fallback.write({ question, retrieval: { ...retrieval, abstained: true } });
      }

      const verdict = checkFaithfulness({ answer: text, passages: shown, question });
      if (!verdict.ok) {
        stats.rejected[verdict.reason] = (stats.rejected[verdict.reason] ?? 0) + 1;
        logger?.warn(
          { event: 'llm_answer_rejected', reason: verdict.reason, rejected: stats.rejected },
          'generated answer failed the faithfulness check; answering extractively',
        );
        return fallback.write(input);
      }

      stats.generated++;
      const first = passages[(verdict.cited[0] as number) - 1] as Passage;
      const cited = verdict.cited.map((n) => passages[n - 1] as Passage);
      const sources: SourceRef[] = [];
      for (const p of cited) {
        if (!sources.some((s) => s.code === p.code && s.section === p.section)) sources.push(sourceOf(p));
      }
      return {
        text: `${text}\n\n${sourcesFooter(verdict.cited, passages)}`,
        abstained: false,
        aspect: retrieval.aspect,
        docCodes: uniqueCodes(retrieval.passages),
        sources,
        focus: { code: first.code, title: first.title, level: first.level },
      };
    },
  };
}

// Scores an eval run: recall@k, MRR@10, abstention precision/recall, fact rate, clarification rate, answer length,
// latency, per style and aspect.
import { normalizeText } from '../vietnamese/index.js';
import type { EvalQuestion } from './questions.js';

/** What the bot did with one question (everything needed to re-score the run independently). */
export interface EvalOutcome {
  id: string;
  /** Returned document codes in rank order. */
  codes: string[];
  abstained: boolean;
  /** When the bot asked back which variant is meant: the codes it offered. */
  clarifyOptions?: string[] | undefined;
  answer: string;
  /** After a clarifying question: the answer for the option the resident picks (the gold, when offered). */
  followUpAnswer?: string | undefined;
  latencyMs: number;
}

export interface GroupScore {
  n: number;
  answerable: number;
  recall_at_1: number | null;
  recall_at_5: number | null;
  recall_at_10: number | null;
  mrr_at_10: number | null;
  fact_rate: number | null;
  abstained: number;
  /** Questions answered by a clarifying question (which variant?) instead of an answer. */
  clarified: number;
}

export interface EvalReport extends Omit<GroupScore, 'answerable' | 'abstained' | 'clarified'> {
  abstain_precision: number | null;
  abstain_recall: number | null;
  latency_ms: { p50: number; p95: number };
  /** Share of questions answered with a clarifying question (bar: ≤ 0.15). */
  clarification_rate: number | null;
  /** Length in characters of the answers given (abstentions and clarifications not counted). */
  answer_chars: { p50: number; p90: number };
  by_style: Record<string, GroupScore>;
  by_aspect: Record<string, GroupScore>;
  questions: Array<{
    id: string;
    codes: string[];
    abstained: boolean;
    clarify_options?: string[] | undefined;
    answer: string;
    follow_up_answer?: string | undefined;
  }>;
}

/**
 * The form facts are compared in: NFC, one tone placement, lower case, single spaces, one number format
 * ("20,000" = "20.000", "0,567" = "0.567") and one currency word ("50,000 Việt Nam Đồng" = "50.000 đồng" =
 * "50.000đ": answers write money in one style, whatever the record mixed).
 */
export function normalizeFact(text: string): string {
  return normalizeText(text)
    .toLocaleLowerCase('vi')
    .replace(/(\d)[.,](?=\d)/g, '$1.')
    .replace(/(\d)\s*(?:việt nam đồng|vnđ|vnd|đồng|đ(?!\p{L}))/gu, '$1 đồng')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when the answer contains every expected fact (after `normalizeFact`). */
export function hasAllFacts(answer: string, expect: readonly string[]): boolean {
  const normalized = normalizeFact(answer);
  return expect.every((fact) => normalized.includes(normalizeFact(fact)));
}

/** Rank (0-based) of the first returned code in gold, or -1. */
export function firstHit(codes: readonly string[], gold: readonly string[]): number {
  return codes.findIndex((c) => gold.includes(c));
}

/** Rank of the gold for an outcome: a clarifying question offering the gold counts as rank 0. */
function rankOf(o: EvalOutcome, gold: readonly string[]): number {
  if (o.clarifyOptions?.some((c) => gold.includes(c))) return 0;
  return firstHit(o.codes, gold);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function ratio(count: number, total: number): number | null {
  return total === 0 ? null : round(count / total);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return Math.round((sorted[index] as number) * 100) / 100;
}

function scoreGroup(pairs: ReadonlyArray<{ q: EvalQuestion; o: EvalOutcome }>): GroupScore {
  const answerable = pairs.filter(({ q }) => q.gold.length > 0);
  let r1 = 0;
  let r5 = 0;
  let r10 = 0;
  let mrr = 0;
  for (const { q, o } of answerable) {
    const rank = rankOf(o, q.gold);
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 5) r5++;
    if (rank >= 0 && rank < 10) {
      r10++;
      mrr += 1 / (rank + 1);
    }
  }
  const withFacts = answerable.filter(({ q }) => q.expect.length > 0);
  const factHits = withFacts.filter(
    ({ q, o }) => !o.abstained && hasAllFacts(o.followUpAnswer ?? o.answer, q.expect),
  ).length;
  return {
    n: pairs.length,
    answerable: answerable.length,
    recall_at_1: ratio(r1, answerable.length),
    recall_at_5: ratio(r5, answerable.length),
    recall_at_10: ratio(r10, answerable.length),
    mrr_at_10: answerable.length === 0 ? null : round(mrr / answerable.length),
    fact_rate: ratio(factHits, withFacts.length),
    abstained: pairs.filter(({ o }) => o.abstained).length,
    clarified: pairs.filter(({ o }) => o.clarifyOptions !== undefined).length,
  };
}

/**
 * Scores outcomes against their questions. Recall and MRR cover the questions with a non-empty `gold`
 * (a hit is a returned code in gold); `fact_rate` covers answerable questions that list `expect` facts
 * (an abstention fails them); abstention precision/recall treat `gold: []` as "should abstain".
 * A ratio with nothing to count is null.
 */
export function scoreRun(questions: readonly EvalQuestion[], outcomes: readonly EvalOutcome[]): EvalReport {
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  const pairs = questions.flatMap((q) => {
    const o = byId.get(q.id);
    return o ? [{ q, o }] : [];
  });
  const all = scoreGroup(pairs);
  const shouldAbstain = pairs.filter(({ q }) => q.gold.length === 0);
  const didAbstain = pairs.filter(({ o }) => o.abstained);
  const latencies = pairs.map(({ o }) => o.latencyMs).sort((a, b) => a - b);
  const lengths = pairs
    .filter(({ o }) => !o.abstained && o.clarifyOptions === undefined)
    .map(({ o }) => o.answer.length)
    .sort((a, b) => a - b);
  const groupBy = (key: (q: EvalQuestion) => string) => {
    const groups = new Map<string, Array<{ q: EvalQuestion; o: EvalOutcome }>>();
    for (const pair of pairs) {
      const k = key(pair.q);
      groups.set(k, [...(groups.get(k) ?? []), pair]);
    }
    return Object.fromEntries(
      [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, scoreGroup(v)]),
    );
  };
  return {
    n: all.n,
    recall_at_1: all.recall_at_1,
    recall_at_5: all.recall_at_5,
    recall_at_10: all.recall_at_10,
    mrr_at_10: all.mrr_at_10,
    abstain_precision: ratio(didAbstain.filter(({ q }) => q.gold.length === 0).length, didAbstain.length),
    abstain_recall: ratio(shouldAbstain.filter(({ o }) => o.abstained).length, shouldAbstain.length),
    fact_rate: all.fact_rate,
    latency_ms: { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95) },
    clarification_rate: ratio(all.clarified, pairs.length),
    answer_chars: { p50: percentile(lengths, 0.5), p90: percentile(lengths, 0.9) },
    by_style: groupBy((q) => q.style),
    by_aspect: groupBy((q) => q.aspect),
    questions: pairs.map(({ o }) => ({
      id: o.id,
      codes: o.codes,
      abstained: o.abstained,
      ...(o.clarifyOptions ? { clarify_options: o.clarifyOptions } : {}),
      answer: o.answer,
      ...(o.followUpAnswer !== undefined ? { follow_up_answer: o.followUpAnswer } : {}),
    })),
  };
}

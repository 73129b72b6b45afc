// Turns a question into weighted term groups for the index: syllables, bigrams, accent variants and synonyms.

import type { Level } from '../types.js';
import {
  findSynonyms,
  foldToken,
  hasDiacritics,
  isStopWord,
  type SynonymTable,
  tokenize,
} from '../vietnamese/index.js';
import { findAspectCues, findQuestionForms } from './aspect.js';
import { legalHeadingCues } from './legal-heading.js';
import { detectLevels } from './level.js';
import type { LexicalIndex, QueryTermGroup } from './lexical-index.js';

export interface QueryParams {
  /** Weight of a bigram group relative to a syllable. */
  bigramWeight: number;
  /** Weight of a trigram group (only legal and plain texts index trigrams). */
  trigramWeight: number;
  /** Weight of terms that come from a synonym expansion. */
  synonymWeight: number;
  /** Weight of terms a resident-lexicon hint (`~>`) adds: below the question's own words. */
  hintWeight: number;
  /** At most this many content syllables are used (very long messages are cut). */
  maxTokens: number;
  /** Weight of syllables that belong to an aspect cue ("lệ phí bao nhiêu", "mất mấy ngày"). */
  cueWeight: number;
  /** Weight left to a colloquial phrase a synonym rule replaced ("sổ đỏ"). */
  replacedWeight: number;
  /** Weight of question-form words ("đúng hay sai", "nào sau đây"). */
  formWeight: number;
  /**
   * In a message of several sentences, weight of the words outside the sentence that asks ("Bố tôi mất năm
   * ngoái. Đất vẫn đứng tên ông. Giờ muốn sang tên cho mẹ thì làm thế nào?"): the context still chooses the
   * variant, the asking sentence names the procedure.
   */
  contextWeight: number;
}

export const DEFAULT_QUERY: QueryParams = {
  bigramWeight: 1,
  trigramWeight: 0.5,
  synonymWeight: 1,
  hintWeight: 0.4,
  maxTokens: 80,
  cueWeight: 0.3,
  replacedWeight: 0.3,
  formWeight: 0.1,
  contextWeight: 0.8,
};

/** Words that make a sentence a question when it has no "?" ("… thì làm thế nào", "cần giấy tờ gì"). */
const ASKING =
  /(?<![\p{L}])(?:gì|gi|nào|nao|sao|đâu|dau|bao nhiêu|bao nhieu|bao lâu|bao lau|mấy|may|không|khong|chưa|chua|được không|hỏi|hoi|ra sao|thế nào|the nao)(?![\p{L}])/iu;

/**
 * Splits a message into sentences and says which one asks: the last with a "?", else the last with a
 * question word, else the last. One sentence: everything asks.
 */
export function askingSentence(question: string): { sentences: string[]; asking: number } {
  const sentences = question
    .split(/(?<=[.!?;…])\s+|\n+/u)
    .map((x) => x.trim())
    .filter((x) => tokenize(x).length > 0);
  if (sentences.length <= 1) return { sentences: sentences.length === 0 ? [question] : sentences, asking: 0 };
  let asking = -1;
  for (let i = sentences.length - 1; i >= 0 && asking === -1; i--)
    if ((sentences[i] as string).includes('?')) asking = i;
  for (let i = sentences.length - 1; i >= 0 && asking === -1; i--) if (ASKING.test(sentences[i] as string)) asking = i;
  return { sentences, asking: asking === -1 ? sentences.length - 1 : asking };
}

export interface AnalyzedQuery {
  groups: QueryTermGroup[];
  /** Content syllables of the question (after stop words). */
  tokens: string[];
  /** True when the question was typed (mostly) without diacritics. */
  isFolded: boolean;
  /** Administrative levels the question names ("Công an tỉnh"). */
  levels: Level[];
  /** Standard legal articles the question asks for ("… là gì?" → definitions), as a bit set. */
  headings: number;
}

/**
 * The indexed terms a query term stands for. An accented term that exists is taken as typed; a term typed
 * without accents (or an accented typo the index does not know) matches every accent variant.
 */
function resolve(term: string, index: LexicalIndex, isFoldedQuery: boolean): string[] {
  if (hasDiacritics(term)) {
    if (index.hasTerm(term)) return [term];
    return index.variantsOf(foldToken(term));
  }
  if (!isFoldedQuery && index.hasTerm(term)) return [term];
  return index.variantsOf(term);
}

/**
 * Groups for a phrase: one per distinct content syllable and one per bigram. `weights[i]` scales token i
 * (aspect cue words such as "lệ phí", "bao lâu" say little about which procedure is meant).
 */
function phraseGroups(
  tokens: readonly string[],
  weights: readonly number[],
  index: LexicalIndex,
  isFolded: boolean,
  bigramWeight: number,
  trigramWeight: number,
  isCore: boolean,
  seen: Set<string>,
  isReplaced: readonly boolean[] = [],
): QueryTermGroup[] {
  const best = new Map<string, number>();
  const order: string[] = [];
  const note = (term: string, w: number) => {
    const prev = best.get(term);
    if (prev === undefined) order.push(term);
    if (prev === undefined || w > prev) best.set(term, w);
  };
  const replaced = new Set<string>();
  tokens.forEach((token, i) => {
    if (isStopWord(token)) return;
    note(token, weights[i] ?? 1);
    if (isReplaced[i]) replaced.add(token);
  });
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i] as string;
    const b = tokens[i + 1] as string;
    if (isStopWord(a) || isStopWord(b)) continue;
    note(`${a} ${b}`, Math.min(weights[i] ?? 1, weights[i + 1] ?? 1) * bigramWeight);
  }
  if (trigramWeight > 0) {
    const content = tokens.map((t, i) => ({ t, w: weights[i] ?? 1 })).filter((x) => !isStopWord(x.t));
    for (let i = 0; i + 2 < content.length; i++) {
      const [a, b, c] = [content[i], content[i + 1], content[i + 2]] as Array<{ t: string; w: number }>;
      note(`${a.t} ${b.t} ${c.t}`, Math.min(a.w, b.w, c.w) * trigramWeight);
    }
  }
  const groups: QueryTermGroup[] = [];
  for (const term of order) {
    if (seen.has(term)) continue;
    seen.add(term);
    const isBigram = term.includes(' ');
    const terms = resolve(term, index, isFolded);
    const weight = best.get(term) as number;
    const core = isCore && !isBigram && !replaced.has(term);
    if (terms.length > 0 || core) groups.push({ terms, weight, label: term, isCore: core });
  }
  return groups;
}

/** Builds the weighted term groups for one question. */
export function analyzeQuery(
  question: string,
  index: LexicalIndex,
  synonyms: SynonymTable,
  params: QueryParams = DEFAULT_QUERY,
): AnalyzedQuery {
  const { sentences, asking } = askingSentence(question);
  const all: Array<{ t: string; w: number }> = sentences.flatMap((sentence, i) =>
    tokenize(sentence).map((t) => ({ t, w: i === asking || sentences.length === 1 ? 1 : params.contextWeight })),
  );
  // cut very long messages: the first sentences carry the question
  const tokens: string[] = [];
  const weights: number[] = [];
  let content = 0;
  for (const { t, w } of all) {
    if (!isStopWord(t)) content++;
    if (content > params.maxTokens) break;
    tokens.push(t);
    weights.push(w);
  }
  const accented = tokens.filter((t) => hasDiacritics(t)).length;
  const isFolded = accented === 0 || accented / Math.max(1, tokens.length) < 0.2;
  for (const cue of findAspectCues(tokens))
    for (let i = cue.start; i < cue.end; i++) weights[i] = Math.min(weights[i] as number, params.cueWeight);
  for (const form of findQuestionForms(tokens))
    for (let i = form.start; i < form.end; i++) weights[i] = Math.min(weights[i] as number, params.formWeight);
  // A synonym replaces the colloquial phrase: the phrase keeps a little weight (some records use it too),
  // the official wording gets the full weight. Summing both would favour records that happen to use both.
  const isKnown = (phrase: string[]) => phrase.every((t) => isStopWord(t) || resolve(t, index, false).length > 0);
  const matches = findSynonyms(tokens, synonyms)
    .map((m) => ({ ...m, expansions: m.rule.expansions.filter(isKnown) }))
    .filter((m) => m.expansions.length > 0);
  const isReplaced = tokens.map(() => false);
  for (const m of matches) {
    if (m.rule.kind !== 'replace') continue;
    for (let i = m.start; i < m.end; i++) {
      weights[i] = Math.min(weights[i] as number, params.replacedWeight);
      isReplaced[i] = true;
    }
  }
  const seen = new Set<string>();
  const expansions: string[][] = [];
  const hints: string[][] = [];
  const expansionKeys = new Set<string>();
  for (const m of matches)
    for (const e of m.expansions) {
      if (m.rule.kind === 'hint') {
        hints.push(e);
        continue;
      }
      const key = e.join(' ');
      if (!expansionKeys.has(key)) {
        expansionKeys.add(key);
        expansions.push(e);
      }
    }
  const groups: QueryTermGroup[] = [];
  // expansions first so that words they share with the question keep the full weight
  for (const expansion of expansions) {
    const ones = expansion.map(() => params.synonymWeight);
    groups.push(...phraseGroups(expansion, ones, index, false, params.bigramWeight, 0, true, seen));
  }
  groups.push(
    ...phraseGroups(
      tokens,
      weights,
      index,
      isFolded,
      params.bigramWeight,
      params.trigramWeight,
      true,
      seen,
      isReplaced,
    ),
  );
  // hints last: a word the question itself has keeps the question's weight; the rest come in lower
  for (const hint of hints) {
    const ones = hint.map(() => params.hintWeight);
    groups.push(
      ...phraseGroups(hint, ones, index, false, params.bigramWeight, 0, false, seen).map((g) => ({
        ...g,
        isCore: false,
      })),
    );
  }
  return {
    groups,
    tokens: tokens.filter((t) => !isStopWord(t)),
    isFolded,
    levels: detectLevels(tokens),
    headings: legalHeadingCues(tokens),
  };
}

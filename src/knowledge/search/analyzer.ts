// Turns text into the terms the lexical index stores: content syllables and syllable bigrams (accented, normalised).
import { bigrams, isStopWord, tokenize } from '../vietnamese/index.js';

export interface AnalyzedText {
  /** term → frequency; unigrams are single syllables, bigrams contain one space. */
  terms: Map<string, number>;
  /** Number of content syllables (the BM25 length). */
  length: number;
}

export interface AnalyzeOptions {
  /**
   * Also index trigrams of content syllables (stop words skipped). Worth it for legal text, where questions
   * quote whole phrases of the article; not for the large procedure corpus, where it would triple the index.
   */
  trigrams?: boolean;
}

/** Trigrams of content syllables ("quyền sử dụng", "sử dụng đất"): the phrase evidence for legal text. */
export function contentTrigrams(tokens: readonly string[]): string[] {
  const content = tokens.filter((t) => !isStopWord(t));
  const out: string[] = [];
  for (let i = 0; i + 2 < content.length; i++) out.push(`${content[i]} ${content[i + 1]} ${content[i + 2]}`);
  return out;
}

/** Index-side analysis: every non-stop syllable and every bigram of neighbouring non-stop syllables. */
export function analyzeText(text: string, options: AnalyzeOptions = {}): AnalyzedText {
  const tokens = tokenize(text);
  const terms = new Map<string, number>();
  let length = 0;
  for (const token of tokens) {
    if (isStopWord(token)) continue;
    length++;
    terms.set(token, (terms.get(token) ?? 0) + 1);
  }
  for (const bigram of bigrams(tokens)) terms.set(bigram, (terms.get(bigram) ?? 0) + 1);
  if (options.trigrams) for (const trigram of contentTrigrams(tokens)) terms.set(trigram, (terms.get(trigram) ?? 0) + 1);
  return { terms, length };
}

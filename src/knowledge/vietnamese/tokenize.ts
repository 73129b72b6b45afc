// Vietnamese tokenising for search: syllables (normalised, lower-case), accent-folded forms and syllable bigrams.
import { foldDiacritics, normalizeForSearch } from './normalize.js';
import { isStopWord } from './stopwords.js';

/** A syllable, a number or a code fragment (ct07, 01/lptb → 01, lptb). */
const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;
/** Thousands separators inside numbers: 10.000 and 10,000 both become 10000, so the formats match. */
const GROUPED_NUMBER = /\d{1,3}(?:[.,]\d{3})+(?![.,]?\d)/g;

const MIXED = /^(?=.*\p{N})(?=.*\p{L})/u;
const DIGITS_OR_LETTERS = /\p{N}+|[\p{L}\p{M}]+/gu;

/** Leading zeros of a plain number ("02" = "2", "08 giờ" = "8 giờ"), so "mức 2" finds "mức độ 02". */
const LEADING_ZEROS = /^0+(?=\d)/;

// Normalising a word (tone placement, case) is the slow part of indexing 30k chunks; words repeat a lot.
const wordCache = new Map<string, string>();
const WORD_CACHE_LIMIT = 200_000;

function normalizeWord(word: string): string {
  let out = wordCache.get(word);
  if (out === undefined) {
    out = normalizeForSearch(word);
    if (/^\d+$/.test(out)) out = out.replace(LEADING_ZEROS, '');
    if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
    wordCache.set(word, out);
  }
  return out;
}

/**
 * Splits text into search syllables: NFC, canonical tone placement, lower case (đ kept), numbers with
 * their thousands separators and leading zeros removed. Vietnamese writes one syllable per
 * space-separated token, so a syllable is the natural unit; multi-syllable words are caught by bigrams.
 */
export function tokenize(text: string): string[] {
  const words = text
    .normalize('NFC')
    .replace(GROUPED_NUMBER, (n) => n.replace(/[.,]/g, ''))
    .match(TOKEN);
  if (!words) return [];
  const out: string[] = [];
  for (const word of words) {
    // "14t" (14 tuổi), "CT07", "mức2": digits and letters are separate syllables, on both the text and the
    // question side, so "14 tuổi" and "14t" share the "14"
    if (MIXED.test(word)) {
      for (const part of word.match(DIGITS_OR_LETTERS) ?? []) out.push(normalizeWord(part));
    } else out.push(normalizeWord(word));
  }
  return out;
}

const foldCache = new Map<string, string>();

/** Removes every diacritic of an already normalised, lower-case token ("đăng" → "dang"). Memoised. */
export function foldToken(token: string): string {
  let out = foldCache.get(token);
  if (out === undefined) {
    out = foldDiacritics(token);
    if (foldCache.size >= WORD_CACHE_LIMIT) foldCache.clear();
    foldCache.set(token, out);
  }
  return out;
}

/** True when the token carries a Vietnamese diacritic (so it can be matched exactly, not only folded). */
export function hasDiacritics(token: string): boolean {
  return foldToken(token) !== token;
}

/** Syllable bigrams "a b" of neighbouring tokens, skipping pairs that touch a stop word. */
export function bigrams(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i] as string;
    const b = tokens[i + 1] as string;
    if (isStopWord(a) || isStopWord(b)) continue;
    out.push(`${a} ${b}`);
  }
  return out;
}

/** Tokens without stop words. */
export function withoutStopWords(tokens: readonly string[]): string[] {
  return tokens.filter((t) => !isStopWord(t));
}

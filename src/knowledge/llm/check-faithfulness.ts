// Faithfulness check of a generated answer: its citations exist, and every number, code and quote it
// states can be found in the passages it cites. Anything else is treated as invented.
import { foldDiacritics, normalizeForSearch } from '../vietnamese/index.js';

export type FaithfulnessFailure =
  | 'empty'
  | 'too_long'
  | 'no_citation'
  | 'bad_citation'
  | 'unsupported_number'
  | 'unsupported_code'
  | 'unsupported_quote';

export type FaithfulnessResult =
  | { ok: true /** 1-based passage numbers cited, in order of first citation. */; cited: number[] }
  | { ok: false; reason: FaithfulnessFailure };

export interface CheckFaithfulnessInput {
  answer: string;
  /** The passages exactly as shown to the model, numbered from 1 by their position. */
  passages: readonly string[];
  /** Numbers the resident wrote themselves may be repeated back ("với con 5 tuổi…"). */
  question: string;
  /** Longest accepted answer in characters (default 2,000). */
  maxChars?: number;
}

const CITATION = /\[(\d+(?:\s*[,;–-]\s*\d+)*)\]/g;
/** "1." "2)" "-" "•" at the start of a line: list markup, not a stated number. */
const LIST_MARKER = /^[ \t]*(?:\d{1,2}[.)]|[-*•])[ \t]+/gm;
const GROUPED_NUMBER = /\d{1,3}(?:[.,]\d{3})+(?![.,]?\d)/g;
const NUMBER = /\d+(?:[.,]\d+)?/g;
/** Units whose pairing with a number must match too ("30 ngày làm việc" is not "30 ngày"). Folded forms. */
const UNITS = [
  'ngay lam viec',
  'ngay',
  'tuan',
  'thang',
  'nam',
  'gio',
  'phut',
  'dong',
  'nghin',
  'ngan',
  'trieu',
  'ty',
  'phan tram',
  '%',
  'ban',
  'tuoi',
  'lan',
];
const NUMBER_WITH_UNIT = new RegExp(`(\\d+(?:[.,]\\d+)?)\\s*(${UNITS.join('|')})(?![a-z])`, 'g');
const QUOTE = /[“"«]([^“”"«»\n]{3,200})[”"»]/g;
const TOKEN_TRIM = /^[([{'"“”«»]+|[)\]}'"“”«»,.;:!?]+$/g;

/**
 * Comparable form of a text: NFC, tone placement, lower case, accents folded, thousands separators and
 * leading zeros dropped, decimal commas as points, "50.000đ"/"VND" as "dong", single spaces.
 */
export function canonicalText(text: string): string {
  return foldDiacritics(normalizeForSearch(text))
    .replace(GROUPED_NUMBER, (n) => n.replace(/[.,]/g, ''))
    .replace(/(\d),(\d)/g, '$1.$2')
    .replace(/(?<![\p{L}\d.])0+(?=\d)/gu, '')
    .replace(/(\d)\s*(?:vnd|d)(?![a-z])/g, '$1 dong')
    .replace(/\s+/g, ' ')
    .trim();
}

function citedNumbers(answer: string): number[] | 'bad' {
  const out: number[] = [];
  for (const match of answer.matchAll(CITATION)) {
    for (const part of (match[1] as string).split(/\s*[,;]\s*/)) {
      const range = part.split(/\s*[–-]\s*/).map(Number);
      const [from, to = from] = range as [number, number?];
      if (to === undefined || to < from || to - from > 20) return 'bad';
      for (let n = from; n <= to; n++) if (!out.includes(n)) out.push(n);
    }
  }
  return out;
}

/** `token` occurs in `text` as a whole token ("ct1" is not in "ct12"). */
function containsToken(text: string, token: string): boolean {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\d])${escaped}(?![\\p{L}\\d])`, 'u').test(text);
}

function numbersIn(canon: string): Set<string> {
  return new Set(canon.match(NUMBER) ?? []);
}

function hasNumberWithUnit(canon: string, value: string, unit: string): boolean {
  const escaped = value.replace('.', '\\.');
  const unitPattern = unit === '%' ? '%' : unit.replace(/ /g, '\\s+');
  return new RegExp(`(?<![\\d.])${escaped}\\s*${unitPattern}(?![a-z])`).test(canon);
}

/**
 * Checks a generated answer against the passages it cites. Conservative by design: a failure sends the
 * resident the extractive answer instead, which is always grounded, so a false alarm costs little and a
 * missed invention (a wrong fee or deadline) costs a lot.
 */
export function checkFaithfulness(input: CheckFaithfulnessInput): FaithfulnessResult {
  const answer = input.answer.normalize('NFC').trim();
  if (answer === '') return { ok: false, reason: 'empty' };
  if (answer.length > (input.maxChars ?? 2000)) return { ok: false, reason: 'too_long' };

  const cited = citedNumbers(answer);
  if (cited === 'bad') return { ok: false, reason: 'bad_citation' };
  if (cited.length === 0) return { ok: false, reason: 'no_citation' };
  if (cited.some((n) => n < 1 || n > input.passages.length)) return { ok: false, reason: 'bad_citation' };

  const support = cited.map((n) => canonicalText(input.passages[n - 1] as string)).join('\n');
  const question = canonicalText(input.question);
  const claims = canonicalText(answer.replace(CITATION, ' ').replace(LIST_MARKER, ''));

  // form codes, document numbers, links: any token mixing letters and digits (CT01, 416/kh-ubnd, TK1-TS)
  for (const raw of claims.split(' ')) {
    const token = raw.replace(TOKEN_TRIM, '');
    if (/\d/.test(token) && /[a-z]/.test(token) && !containsToken(support, token) && !containsToken(question, token)) {
      return { ok: false, reason: 'unsupported_code' };
    }
  }
  const supportedNumbers = new Set([...numbersIn(support), ...numbersIn(question)]);
  for (const value of claims.match(NUMBER) ?? []) {
    if (!supportedNumbers.has(value)) return { ok: false, reason: 'unsupported_number' };
  }
  for (const match of claims.matchAll(NUMBER_WITH_UNIT)) {
    const [, value, unit] = match as unknown as [string, string, string];
    if (!hasNumberWithUnit(support, value, unit) && !hasNumberWithUnit(question, value, unit)) {
      return { ok: false, reason: 'unsupported_number' };
    }
  }
  for (const match of answer.replace(CITATION, ' ').matchAll(QUOTE)) {
    const quoted = canonicalText(match[1] as string);
    if (quoted !== '' && !support.includes(quoted)) return { ok: false, reason: 'unsupported_quote' };
  }
  return { ok: true, cited };
}

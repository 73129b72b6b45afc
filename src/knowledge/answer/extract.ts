// Picks and trims the lines of a passage that answer the question: only source text, cut at clause boundaries.
import type { Aspect } from '../types.js';
import { bigrams, foldDiacritics, foldToken, isStopWord, tokenize } from '../vietnamese/index.js';

/** What a question looks like to the extractor: folded content syllables and bigrams. */
export interface QuestionTerms {
  unigrams: Set<string>;
  bigrams: Set<string>;
}

/** The question's terms, plus those of its synonym expansions ("online" → "trực tuyến"). */
export function questionTerms(question: string, expansions: readonly string[] = []): QuestionTerms {
  const unigrams = new Set<string>();
  const pairs = new Set<string>();
  for (const text of [question, ...expansions]) {
    const tokens = tokenize(text);
    for (const t of tokens) if (!isStopWord(t)) unigrams.add(foldToken(t));
    for (const b of bigrams(tokens)) pairs.add(b.split(' ').map(foldToken).join(' '));
  }
  return { unigrams, bigrams: pairs };
}

const GROUPED_NUMBER = /\d{1,3}(?:[.,]\d{3})+(?![.,]?\d)/g;

/**
 * Folded syllables of source text, the cheap way (lower case, accents removed, split on anything else, same
 * number handling as `tokenize`): lines are compared with the question's folded terms, so tone placement
 * does not matter, and this runs on every line of the passages an answer is picked from.
 */
export function foldedWords(text: string): string[] {
  const folded = foldDiacritics(text.toLowerCase().replace(GROUPED_NUMBER, (n) => n.replace(/[.,]/g, '')));
  const words = folded.match(/[a-z]+|\d+/g) ?? [];
  return words.map((w) => (w.length > 1 && w.charCodeAt(0) === 48 ? w.replace(/^0+(?=\d)/, '') : w));
}

const MONEY =
  /\d[\d.,]*\s*(?:đồng|đ(?!\p{L})|vnđ|việt nam đồng)|miễn (?:phí|lệ phí)|không (?:phải )?(?:nộp|thu) (?:phí|lệ phí)/iu;
const DURATION = /\d+\s*(?:ngày|giờ|tháng|năm|phút|tuần)|ngay (?:trong ngày|khi)|trong ngày/iu;
/** Where a money or duration fact sits in a line (for cutting a window around it). */
export const MONEY_FACT = MONEY;
export const DURATION_FACT = DURATION;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A line cut to `budget` characters around the first match of `pattern` (whole words, "…" where cut):
 * the fact a long step or condition states is often in its middle.
 */
export function windowAround(line: string, pattern: RegExp, budget: number): string {
  if (line.length <= budget) return line;
  const at = pattern.exec(line)?.index ?? 0;
  let start = Math.max(0, at - Math.floor(budget / 3));
  if (start > 0) {
    const space = line.indexOf(' ', start);
    start = space === -1 || space > at ? start : space + 1;
  }
  let end = Math.min(line.length, start + budget);
  if (end < line.length) {
    const space = line.lastIndexOf(' ', end);
    if (space > at) end = space;
  }
  return `${start > 0 ? '… ' : ''}${line.slice(start, end).trim()}${end < line.length ? ' …' : ''}`;
}
const AGENCY_LINE = /^(?:cơ quan thực hiện|cơ quan có thẩm quyền|địa chỉ tiếp nhận|nơi tiếp nhận)/iu;
/** A document to submit: "(1 bản chính)", "(2 bản sao)"; "(0 bản chính)" marks a note, not a document. */
export const REQUIRED_DOCUMENT = /\([^()]*(?<!\d)[1-9]\d* bản (?:chính|sao)[^()]*\)\s*$/u;
const NOTE_LINE = /\(0 bản (?:chính|sao)\)\s*$|^[-+*•]?\s*(?:trường hợp|lưu ý|đối với)/iu;
/** A form code: "Mẫu CT01", "mẫu DC02", "01/LPTB". */
export const FORM_CODE = /(?<![\p{L}\p{N}])(?:[A-ZĐ]{1,4}\d{1,3}[a-z]?|\d{1,3}\/[A-ZĐ]{2,6})(?![\p{L}\p{N}])/u;

/** Extra evidence that a line or clause states the kind of fact the aspect asks for. */
export function aspectBonus(text: string, aspect: Aspect | undefined): number {
  switch (aspect) {
    case 'le_phi':
      return MONEY.test(text) ? 3 : 0;
    case 'thoi_han':
      return DURATION.test(text) ? 3 : 0;
    case 'co_quan':
      return AGENCY_LINE.test(text) ? 3 : 0;
    case 'ho_so':
      return (REQUIRED_DOCUMENT.test(text) ? 3 : 0) - (NOTE_LINE.test(text) ? 2 : 0) + (FORM_CODE.test(text) ? 1 : 0);
    default:
      return 0;
  }
}

/** True when the text states a duration or an amount of money (what time and fee questions ask for). */
export function statesDurationOrMoney(text: string): { duration: boolean; money: boolean } {
  return { duration: DURATION.test(text), money: MONEY.test(text) };
}

/** How well a piece of source text matches the question (folded syllable and bigram overlap). */
export function overlapScore(text: string, terms: QuestionTerms): number {
  const tokens = foldedWords(text);
  const seen = new Set<string>();
  let score = 0;
  for (const t of tokens) {
    if (terms.unigrams.has(t) && !seen.has(t)) {
      seen.add(t);
      score += 1;
    }
  }
  for (let i = 0; i + 1 < tokens.length; i++) {
    const b = `${tokens[i]} ${tokens[i + 1]}`;
    if (terms.bigrams.has(b) && !seen.has(b)) {
      seen.add(b);
      score += 1.5;
    }
  }
  return score;
}

/** Lines of a passage; a line is the unit the chunker writes (one document, one step, one fee row…). */
export function splitLines(text: string): string[] {
  return text
    .split(/\n+/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l.length > 0);
}

/**
 * Clauses of a long line: sentences, "; " parts and "- " / "+ " bullets (also when glued to a closing
 * bracket, as the portal's tables often are). Joining the clauses with spaces gives back the line.
 */
export function splitClauses(line: string): string[] {
  const parts = line.split(/(?<=[.;!?])\s+(?=[-+•*]?\s*[\p{Lu}\d(])|\s+(?=[-+•]\s)|(?<=\))(?=[-+]\s)/u);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

export interface PickOptions {
  aspect?: Aspect | undefined;
  /** Character budget of the result. */
  budget: number;
  /** Most lines to keep. */
  maxLines: number;
  /** Longest a single kept line may be (default: the budget). */
  lineBudget?: number | undefined;
  /** Lines already quoted elsewhere in the answer (not repeated). */
  exclude?: ReadonlySet<string> | undefined;
  /** Prefer shorter lines among equally matching ones (prose, where long lines match everything). */
  preferShort?: boolean | undefined;
}

/**
 * Chooses the lines that best answer the question, in source order, and trims each long line to its head
 * plus the clauses that match. Removed text is marked "…". The result only contains source text.
 */
export function pickLines(lines: readonly string[], terms: QuestionTerms, options: PickOptions): string[] {
  const fresh = [...new Set(lines)].filter((l) => !options.exclude?.has(l));
  const total = fresh.reduce((n, l) => n + l.length, 0);
  // a short passage (an agency, a one-row fee table) is quoted whole
  if (total <= options.budget && fresh.length <= options.maxLines) return fresh;
  const scored = fresh.map((line, index) => ({
    line,
    index,
    score:
      overlapScore(line, terms) +
      aspectBonus(line, options.aspect) -
      index * 0.01 -
      (options.preferShort ? line.length / 250 : 0),
  }));
  const ranked = [...scored].sort((a, b) => b.score - a.score);
  const chosen: Array<{ line: string; index: number; source: string }> = [];
  const texts = new Set<string>();
  let used = 0;
  for (const candidate of ranked) {
    if (chosen.length >= options.maxLines) break;
    if (chosen.length > 0 && candidate.score <= 0) break;
    const remaining = options.budget - used;
    if (remaining < 60 && chosen.length > 0) break;
    const text = trimLine(
      candidate.line,
      terms,
      options.aspect,
      Math.min(options.lineBudget ?? options.budget, Math.max(remaining, 120)),
    );
    if (texts.has(text)) continue;
    texts.add(text);
    chosen.push({ line: text, index: candidate.index, source: candidate.line });
    used += text.length;
  }
  return chosen.sort((a, b) => a.index - b.index).map((c) => c.line);
}

/** Source lines behind the lines `pickLines` returned (so later sections do not quote them again). */
export function sourceLinesOf(picked: readonly string[], lines: readonly string[]): string[] {
  return lines.filter((l) => picked.some((p) => p === l || p.startsWith(l.slice(0, 40))));
}

/** Keeps a line whole when it fits; otherwise its first clause and the best-matching clauses after it. */
export function trimLine(line: string, terms: QuestionTerms, aspect: Aspect | undefined, budget: number): string {
  if (line.length <= budget) return line;
  const clauses = splitClauses(line);
  if (clauses.length <= 1) return `${cutAtWord(line, budget)} …`;
  const scored = clauses.map((clause, index) => ({
    clause,
    index,
    score: overlapScore(clause, terms) + aspectBonus(clause, aspect) + (index === 0 ? 100 : 0) - index * 0.01,
  }));
  const ranked = [...scored].sort((a, b) => b.score - a.score);
  const kept: Array<{ clause: string; index: number }> = [];
  let used = 0;
  for (const c of ranked) {
    if (kept.length > 0 && c.score <= 0) continue;
    const remaining = budget - used;
    if (kept.length > 0 && remaining < 60) break;
    // a long matching clause is cut rather than dropped: its start usually carries the fact
    const clause = c.clause.length > remaining ? `${cutAtWord(c.clause, Math.max(remaining, 60))} …` : c.clause;
    kept.push({ clause, index: c.index });
    used += clause.length + 2;
  }
  kept.sort((a, b) => a.index - b.index);
  let out = '';
  let previous = -1;
  for (const c of kept) {
    if (previous === -1) out = c.index === 0 ? c.clause : `… ${c.clause}`;
    else out += c.index === previous + 1 ? ` ${c.clause}` : ` … ${c.clause}`;
    previous = c.index;
  }
  if (previous < clauses.length - 1 && !out.endsWith('…')) out += ' …';
  return out;
}

/** A list item cut to its head ("Giấy chứng sinh; trường hợp …" → "Giấy chứng sinh …"), keeping "(1 bản chính)". */
export function itemHead(line: string, max: number): string {
  const copies = /\s*(\(\d+ bản [^)]*\))\s*$/u.exec(line);
  const body = copies ? line.slice(0, copies.index) : line;
  const head = body.split(/(?<=[;.])\s+/u)[0] ?? body;
  let out = head.length > max ? cutAtWord(head, max) : head;
  if (out.length < body.length) out += ' …';
  return copies ? `${out} ${copies[1]}` : out;
}

/** The text up to the last whole word within `max` characters. */
function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:(-]+$/u, '');
}

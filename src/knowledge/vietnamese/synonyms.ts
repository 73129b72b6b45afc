// Synonyms and abbreviations staff can edit (knowledge/synonyms.txt): parsing and query expansion.
import { readFile } from 'node:fs/promises';
import { foldToken, hasDiacritics, tokenize } from './tokenize.js';

/** One expansion: when `pattern` (a syllable sequence) occurs in a question, also search for `expansions`. */
export interface SynonymRule {
  pattern: string[];
  expansions: string[][];
  /**
   * `=>` rules replace the colloquial pattern; `=` rules add equivalents next to it; `~>` rules (the resident
   * lexicon: life events, everyday words) add a hint at a lower weight, the resident's own words keeping theirs.
   */
  kind: 'replace' | 'equivalent' | 'hint';
  /** Line in the file, for error messages. */
  line: number;
}

export interface SynonymTable {
  rules: SynonymRule[];
  /** Lines that could not be read, with the reason (Vietnamese), so staff can fix them. */
  problems: Array<{ line: number; message: string }>;
}

/**
 * Parses the synonyms file. Format, one entry per line (`#` starts a comment):
 * - `sổ đỏ, sổ hồng => giấy chứng nhận quyền sử dụng đất` — one-way: the left phrases also search the right ones;
 * - `CCCD = căn cước công dân = thẻ căn cước` — equivalent: each phrase also searches all the others;
 * - `lấy chồng ~> kết hôn` — a hint: the right phrases are also searched, at a lower weight than the question's
 *   own words, which keep theirs (a life event points to procedure vocabulary without overruling the resident).
 * Case, tone placement and diacritics do not matter on either side.
 */
export function parseSynonyms(text: string): SynonymTable {
  const rules: SynonymRule[] = [];
  const problems: SynonymTable['problems'] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = (raw.split('#')[0] ?? '').trim();
    if (content === '') return;
    const phrases = (part: string) =>
      part
        .split(',')
        .map((p) => tokenize(p))
        .filter((tokens) => tokens.length > 0);
    if (content.includes('~>')) {
      const parts = content.split('~>');
      const from = parts.length === 2 ? phrases(parts[0] as string) : [];
      const to = parts.length === 2 ? phrases(parts[1] as string) : [];
      if (from.length === 0 || to.length === 0) {
        problems.push({ line, message: 'cần đúng một dấu "~>" và cụm từ ở cả hai bên' });
        return;
      }
      for (const pattern of from) rules.push({ pattern, expansions: to, kind: 'hint', line });
      return;
    }
    if (content.includes('=>')) {
      const parts = content.split('=>');
      if (parts.length !== 2) {
        problems.push({ line, message: 'chỉ được có một dấu "=>" trên một dòng' });
        return;
      }
      const from = phrases(parts[0] as string);
      const to = phrases(parts[1] as string);
      if (from.length === 0 || to.length === 0) {
        problems.push({ line, message: 'cần cụm từ ở cả hai bên dấu "=>"' });
        return;
      }
      for (const pattern of from) rules.push({ pattern, expansions: to, kind: 'replace', line });
      return;
    }
    if (content.includes('=')) {
      const group = content
        .split('=')
        .map((p) => tokenize(p))
        .filter((tokens) => tokens.length > 0);
      if (group.length < 2) {
        problems.push({ line, message: 'cần ít nhất hai cụm từ hai bên dấu "="' });
        return;
      }
      for (const pattern of group)
        rules.push({ pattern, expansions: group.filter((g) => g !== pattern), kind: 'equivalent', line });
      return;
    }
    problems.push({ line, message: 'thiếu "=>" (một chiều) hoặc "=" (tương đương)' });
  });
  return { rules, problems };
}

/** Reads and parses a synonyms file; a missing file is an empty table. */
export async function loadSynonyms(filePath: string): Promise<SynonymTable> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { rules: [], problems: [] };
    throw error;
  }
  return parseSynonyms(text);
}

/** A query syllable matches a pattern syllable exactly, or by folded form when the query was typed without accents. */
function sameSyllable(query: string, pattern: string): boolean {
  if (query === pattern) return true;
  return !hasDiacritics(query) && foldToken(pattern) === query;
}

export interface SynonymMatch {
  rule: SynonymRule;
  /** Index of the first matched query token. */
  start: number;
  end: number;
}

/** Finds every rule whose pattern occurs in the question tokens (longest patterns first, overlaps allowed). */
export function findSynonyms(tokens: readonly string[], table: SynonymTable): SynonymMatch[] {
  const matches: SynonymMatch[] = [];
  for (const rule of table.rules) {
    const n = rule.pattern.length;
    for (let i = 0; i + n <= tokens.length; i++) {
      let ok = true;
      for (let j = 0; j < n && ok; j++) ok = sameSyllable(tokens[i + j] as string, rule.pattern[j] as string);
      if (ok) matches.push({ rule, start: i, end: i + n });
    }
  }
  return matches.sort((a, b) => b.end - b.start - (a.end - a.start));
}

/** The phrases a question should also be searched with, each as a syllable list (deduplicated). */
export function expandWithSynonyms(tokens: readonly string[], table: SynonymTable): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const match of findSynonyms(tokens, table)) {
    for (const expansion of match.rule.expansions) {
      const key = expansion.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(expansion);
    }
  }
  return out;
}

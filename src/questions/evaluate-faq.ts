// Use case behind `tiepdan eval --faq`: does the bot now answer what staff answered? For each FAQ entry, its question
// and paraphrases (without diacritics, a word dropped, the halves swapped) are asked through the bot's own answering
// path; a hit is an answer (not an abstention) whose first document is that entry.
import type { Answer } from '../knowledge/index.js';
import { foldDiacritics } from '../knowledge/vietnamese/index.js';
import type { FaqEntry } from './list-faq.js';

export const PARAPHRASE_KINDS = ['nguyên văn', 'bỏ dấu', 'bớt một từ', 'đảo thứ tự'] as const;
export type ParaphraseKind = (typeof PARAPHRASE_KINDS)[number];

/** The question as asked, and the same words changed the ways residents change them. Pure. */
export function paraphrasesOf(question: string): Array<{ kind: ParaphraseKind; text: string }> {
  const text = question.replace(/\s+/g, ' ').trim();
  const words = text.replace(/[?？!.]+$/u, '').split(' ');
  const out: Array<{ kind: ParaphraseKind; text: string }> = [
    { kind: 'nguyên văn', text },
    { kind: 'bỏ dấu', text: foldDiacritics(text) },
  ];
  if (words.length >= 4) {
    // the longest word carries the most meaning: drop the first of the shortest instead
    const shortest = words.reduce((best, w, i) => (w.length < (words[best] as string).length ? i : best), 0);
    out.push({ kind: 'bớt một từ', text: words.filter((_, i) => i !== shortest).join(' ') });
    const half = Math.ceil(words.length / 2);
    out.push({ kind: 'đảo thứ tự', text: [...words.slice(half), ...words.slice(0, half)].join(' ') });
  }
  return out;
}

export interface FaqEvalRow {
  code: string;
  question: string;
  asked: Array<{ kind: ParaphraseKind; text: string; answered: boolean; gotCode: string | null }>;
}

export interface FaqEvalReport {
  entries: number;
  asked: number;
  answeredFromFaq: number;
  rate: number | null;
  byKind: Record<string, { asked: number; answered: number }>;
  rows: FaqEvalRow[];
}

export async function evaluateFaq(options: {
  entries: readonly FaqEntry[];
  ask: (question: string) => Promise<Answer>;
}): Promise<FaqEvalReport> {
  const rows: FaqEvalRow[] = [];
  const byKind: FaqEvalReport['byKind'] = {};
  let asked = 0;
  let answered = 0;
  for (const entry of options.entries) {
    const row: FaqEvalRow = { code: entry.code, question: entry.question, asked: [] };
    for (const p of paraphrasesOf(entry.question)) {
      const answer = await options.ask(p.text);
      const gotCode = answer.abstained ? null : (answer.docCodes[0] ?? null);
      const hit = gotCode === entry.code;
      row.asked.push({ ...p, answered: hit, gotCode });
      const k = byKind[p.kind] ?? { asked: 0, answered: 0 };
      byKind[p.kind] = k;
      k.asked++;
      asked++;
      if (hit) {
        k.answered++;
        answered++;
      }
    }
    rows.push(row);
  }
  return {
    entries: options.entries.length,
    asked,
    answeredFromFaq: answered,
    rate: asked === 0 ? null : answered / asked,
    byKind,
    rows,
  };
}

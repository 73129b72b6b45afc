// The default AnswerWriter: quotes the lines of the best document that answer the aspects asked, then the source.
import { detectAspects } from '../search/aspect.js';
import type { Answer, AnswerWriter, Aspect, Passage, RetrievalResult, SourceRef } from '../types.js';
import { findSynonyms, type SynonymTable, tokenize } from '../vietnamese/index.js';
import {
  DURATION_FACT,
  escapeRegExp,
  FORM_CODE,
  itemHead,
  MONEY_FACT,
  overlapScore,
  pickLines,
  type QuestionTerms,
  questionTerms,
  REQUIRED_DOCUMENT,
  sourceLinesOf,
  splitLines,
  statesDurationOrMoney,
  windowAround,
} from './extract.js';
import {
  type AddressForm,
  documentHeading,
  documentSource,
  notFoundMessage,
  procedureHeading,
  procedureSource,
} from './messages.js';

export interface ExtractiveWriterOptions {
  addressForm?: AddressForm | undefined;
  /** Characters of quoted text per aspect (default 420) and in all (default 1100): a chat message, not a page. */
  aspectBudget?: number | undefined;
  totalBudget?: number | undefined;
  /** Most aspects answered in one reply (default 3). */
  maxAspects?: number | undefined;
  /**
   * The synonyms the retriever uses ("online" in a question then also finds "Trực tuyến" lines); a function
   * when the table may be re-read while running.
   */
  synonyms?: SynonymTable | (() => SynonymTable) | undefined;
}

/** Readable label of a passage's section ("Thành phần hồ sơ (tiếp)" → "Thành phần hồ sơ"). */
function sectionLabel(passage: Passage): string {
  return passage.section.replace(/\s*\(tiếp\)\s*$/u, '').trim();
}

function sourceOf(p: Passage): SourceRef {
  return { code: p.code, title: p.title, url: p.url, section: p.section };
}

/** Every level the record names: a procedure carried out at several is not only the lowest one's. */
function headingOf(top: Passage): string {
  return procedureHeading(top.title, top.levels && top.levels.length > 1 ? top.levels : top.level);
}

/** Document codes in rank order, once each. */
function rankedCodes(passages: readonly Passage[]): string[] {
  const codes: string[] = [];
  for (const p of passages) if (!codes.includes(p.code)) codes.push(p.code);
  return codes;
}

export function createExtractiveWriter(options: ExtractiveWriterOptions = {}): AnswerWriter {
  const address = options.addressForm ?? 'Bạn';
  const aspectBudget = options.aspectBudget ?? 420;
  const totalBudget = options.totalBudget ?? 1100;
  const maxAspects = options.maxAspects ?? 3;
  const synonyms = options.synonyms;

  return {
    async write({ question, retrieval }: { question: string; retrieval: RetrievalResult }): Promise<Answer> {
      const docCodes = rankedCodes(retrieval.passages);
      const top = retrieval.passages[0];
      if (retrieval.abstained || !top) {
        return {
          text: notFoundMessage(address),
          abstained: true,
          aspect: retrieval.aspect,
          docCodes,
          sources: [],
        };
      }
      const own = retrieval.passages.filter((p) => p.code === top.code);
      const table = typeof synonyms === 'function' ? synonyms() : synonyms;
      const expansions = table
        ? findSynonyms(tokenize(question), table).flatMap((m) => m.rule.expansions.map((e) => e.join(' ')))
        : [];
      const terms = questionTerms(question, expansions);
      const focus = { code: top.code, title: top.title, level: top.level };

      if (top.kind === 'faq') {
        // a reviewed answer staff wrote: quoted whole, with its own source line ("Nguồn: Cán bộ … trả lời ngày …")
        return { text: top.text, abstained: false, aspect: retrieval.aspect, docCodes, sources: [sourceOf(top)] };
      }
      if (top.kind !== 'procedure') {
        // legal, plan and plain texts: the best-matching lines of the best passages
        const lines = own.slice(0, 3).flatMap((p) => splitLines(p.text));
        const picked = pickLines(lines, terms, { budget: Math.min(totalBudget, 700), maxLines: 3, preferShort: true });
        const text = [documentHeading(top.title), ...picked, documentSource(top.code, top.url)].join('\n');
        return {
          text,
          abstained: false,
          aspect: retrieval.aspect,
          docCodes,
          sources: own.slice(0, 1).map(sourceOf),
          focus,
        };
      }

      const asked: Aspect[] = detectAspects(question);
      const aspects = planAspects(asked).slice(0, maxAspects);
      const groups = aspects
        .map((aspect) => ({ aspect, passages: own.filter((p) => p.aspect === aspect) }))
        .filter((g) => g.passages.length > 0);
      const body: string[] = [];
      const sources: SourceRef[] = [];
      if (groups.length === 0) {
        // nothing of the asked kind in this record: the lines of any section that match the question best
        const candidates = own
          .filter((p) => p.aspect !== 'can_cu')
          .flatMap((p) => splitLines(p.text).map((line) => ({ line, passage: p })));
        const picked = pickLines(
          candidates.map((c) => c.line),
          terms,
          { budget: 600, maxLines: 3, lineBudget: 300 },
        );
        for (const line of picked) {
          const from = candidates.find((c) => line === c.line || line.startsWith(c.line.slice(0, 40)))?.passage ?? top;
          body.push(`- ${sectionLabel(from)}: ${line}`);
          sources.push(sourceOf(from));
        }
      }
      const quoted = new Set<string>();
      let used = 0;
      for (const group of groups) {
        const isList = group.aspect === 'ho_so';
        const budget = Math.min(isList ? 800 : aspectBudget, Math.max(150, totalBudget - used));
        let lines = group.passages.flatMap((p) => splitLines(p.text));
        if (isList) {
          // documents to submit: the items the record counts copies of ("(1 bản chính)"), not its notes,
          // each by its name so that several fit
          const required = lines.filter((l) => REQUIRED_DOCUMENT.test(l));
          if (required.length >= 2) lines = required;
          lines = lines.map((l) => itemHead(l, 110));
        }
        if (group.aspect === 'co_quan') {
          // "where do I go": the agency that carries it out and how to submit, not the agencies it consults
          const own = lines.filter((l) => !/^Cơ quan phối hợp:/u.test(l));
          if (own.length > 0) lines = own;
        }
        const picked = pickLines(lines, terms, {
          aspect: group.aspect,
          budget,
          maxLines: isList ? 6 : 4,
          lineBudget: isList ? 150 : undefined,
          exclude: quoted,
        });
        if (picked.length === 0) continue;
        for (const line of sourceLinesOf(picked, lines)) quoted.add(line);
        const label = sectionLabel(group.passages[0] as Passage);
        body.push(
          picked.length === 1 ? `- ${label}: ${picked[0]}` : `- ${label}:\n${picked.map((l) => `  ${l}`).join('\n')}`,
        );
        used += picked.reduce((n, l) => n + l.length, 0);
        sources.push(sourceOf(group.passages[0] as Passage));
      }

      const extra = supportingLine(own, groups, terms, asked, question, body.join('\n'));
      if (extra) {
        body.push(`- ${sectionLabel(extra.passage)}: ${extra.line}`);
        sources.push(sourceOf(extra.passage));
      }
      const text = [headingOf(top), ...body, procedureSource(top.code, top.url)].join('\n');
      return { text, abstained: false, aspect: retrieval.aspect, docCodes, sources, focus };
    },
  };
}

/**
 * The sections an answer quotes: the aspects asked, or — for "how do I…" questions and questions that name
 * none — the documents to bring, where to go and how long it takes, which is what residents need first.
 */
function planAspects(asked: readonly Aspect[]): Aspect[] {
  const overview: Aspect[] = ['ho_so', 'co_quan', 'thoi_han'];
  if (!asked.includes('trinh_tu')) return asked.length === 0 ? overview : [...asked];
  // the steps themselves are long and alike across records; what to bring, where and how long say more
  const plan: Aspect[] = asked.filter((a) => a !== 'trinh_tu');
  for (const a of overview) if (!plan.includes(a)) plan.push(a);
  return plan;
}

/**
 * One line from elsewhere in the record that the sections missed: a time or fee question is often answered
 * in the steps or conditions ("trong thời hạn 60 ngày kể từ ngày sinh"), and a form code the question names
 * ("CT07") should be shown where the record mentions it.
 */
function supportingLine(
  own: readonly Passage[],
  groups: ReadonlyArray<{ passages: Passage[] }>,
  terms: QuestionTerms,
  asked: readonly Aspect[],
  question: string,
  answered: string,
): { line: string; passage: Passage } | undefined {
  const quotedChunks = new Set(groups.flatMap((g) => g.passages.map((p) => p.chunkId)));
  // residents type form codes in any case ("ct07")
  const code = new RegExp(FORM_CODE.source, 'iu').exec(question)?.[0];
  const wantsCode = code !== undefined && !answered.toLowerCase().includes(code.toLowerCase());
  const wantsDuration = asked.includes('thoi_han');
  const wantsMoney = asked.includes('le_phi');
  let best: { line: string; passage: Passage; score: number } | undefined;
  for (const passage of own) {
    // the fee/time table is quoted as its own section when asked; the legal basis only names laws
    if (passage.aspect === 'can_cu' || passage.aspect === 'thoi_han' || passage.aspect === 'le_phi') continue;
    for (const line of splitLines(passage.text)) {
      if (answered.includes(line.slice(0, 60))) continue;
      let score: number;
      if (wantsCode && line.toLowerCase().includes((code as string).toLowerCase()))
        score = 100 + overlapScore(line, terms);
      else {
        if (quotedChunks.has(passage.chunkId)) continue;
        const states = statesDurationOrMoney(line);
        if (!((wantsDuration && states.duration) || (wantsMoney && states.money))) continue;
        score = overlapScore(line, terms);
        if (score < 3) continue;
      }
      if (!best || score > best.score) best = { line, passage, score };
    }
  }
  if (!best) return undefined;
  const line =
    wantsCode && best.score >= 100
      ? windowAround(best.line, new RegExp(escapeRegExp(code as string), 'iu'), 300)
      : windowAround(best.line, wantsDuration ? DURATION_FACT : MONEY_FACT, 300);
  return { line, passage: best.passage };
}

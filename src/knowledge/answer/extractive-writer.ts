// The default AnswerWriter: quotes the lines of the best document that answer the aspects asked, then the source.
import { detectAspects } from '../search/aspect.js';
import type { Answer, AnswerWriter, Aspect, Passage, RetrievalResult, SourceRef } from '../types.js';
import { findSynonyms, foldDiacritics, type SynonymTable, tokenize } from '../vietnamese/index.js';
import { EXPIRED_NOTE, isExpiredProvision } from './dated.js';
import {
  escapeRegExp,
  FORM_CODE,
  foldedWords,
  pickLines,
  type QuestionTerms,
  questionTerms,
  splitClauses,
  splitLines,
  windowAround,
} from './extract.js';
import { askedChannel, chooseLead, type LeadUnit, leadCandidates } from './lead.js';
import {
  type AddressForm,
  documentHeading,
  documentSource,
  notFoundMessage,
  procedureHeading,
  procedureName,
  procedureSource,
} from './messages.js';
import { normalizeMoney } from './money.js';

export interface ExtractiveWriterOptions {
  addressForm?: AddressForm | undefined;
  /** Characters of quoted text of a legal or plan document's answer (default 1100, of which at most 700 are used). */
  totalBudget?: number | undefined;
  /** Most aspects answered in one reply (default 3). */
  maxAspects?: number | undefined;
  /**
   * The synonyms the retriever uses ("online" in a question then also finds "Trực tuyến" lines); a function
   * when the table may be re-read while running.
   */
  synonyms?: SynonymTable | (() => SynonymTable) | undefined;
  /** Today, for provisions valid only up to a date ("đến hết ngày 31/12/2023"); the system clock by default. */
  today?: (() => Date) | undefined;
}

/** Readable label of a passage's section ("Thành phần hồ sơ (tiếp)" → "Thành phần hồ sơ"). */
function sectionLabel(passage: Passage): string {
  return passage.section.replace(/\s*\(tiếp\)\s*$/u, '').trim();
}

function sourceOf(p: Passage): SourceRef {
  return { code: p.code, title: p.title, url: p.url, section: p.section };
}

/** Every level the record names: a procedure carried out at several is not only the lowest one's. */
function headingOf(top: Passage, maxTitle?: number): string {
  return procedureHeading(top.title, top.levels && top.levels.length > 1 ? top.levels : top.level, maxTitle);
}

/** Document codes in rank order, once each. */
function rankedCodes(passages: readonly Passage[]): string[] {
  const codes: string[] = [];
  for (const p of passages) if (!codes.includes(p.code)) codes.push(p.code);
  return codes;
}

export function createExtractiveWriter(options: ExtractiveWriterOptions = {}): AnswerWriter {
  const address = options.addressForm ?? 'Bạn';
  const totalBudget = options.totalBudget ?? 1100;
  const maxAspects = options.maxAspects ?? 3;
  const synonyms = options.synonyms;
  const today = options.today ?? (() => new Date());

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
        // "được bao nhiêu điểm": the figure for the thing asked leads ("Quản trị điện tử đạt 2,58/10 điểm")
        const figure = asksForScore(question) ? bestFigure(lines, terms) : undefined;
        const text = [
          ...(figure ? [figure] : []),
          documentHeading(top.title),
          ...picked,
          documentSource(top.code, top.url),
        ].join('\n');
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
      if (wantsWholeSection(question)) {
        // "Xem đủ" (the button, or the words typed as a follow-up): the whole section, as the record has it
        const whole = wholeSections(own, asked.length > 0 ? asked : ['ho_so'], today());
        if (whole.body.length > 0) {
          const text = [headingOf(top), ...whole.body, procedureSource(top.code, top.url)].join('\n');
          return { text, abstained: false, aspect: retrieval.aspect, docCodes, sources: whole.sources, focus };
        }
      }
      const aspects = planAspects(byPriority(asked)).slice(0, maxAspects);
      const channel = askedChannel(question);
      const foldedQuestion = foldDiacritics(question.toLowerCase());
      const body: string[] = [];
      const sources: SourceRef[] = [];
      const shown = new Set<string>();
      let more: Answer['more'];
      for (const aspect of aspects) {
        const candidates = leadCandidates(own, { aspect, terms, channel, today: today(), foldedQuestion }).filter(
          (u) => !shown.has(u.text),
        );
        // an overview names one thing per aspect; a question about one aspect may get two
        const lead = chooseLead(
          candidates,
          aspect,
          aspect === 'ho_so' ? (asked.length <= 1 ? 4 : 2) : asked.length === 1 ? 2 : 1,
        );
        if (lead.length === 0) continue;
        for (const unit of lead) shown.add(unit.text);
        body.push(...leadLines(lead, today()));
        for (const unit of lead) sources.push(sourceOf(unit.passage));
        const sectionText = own.filter((p) => p.aspect === aspect).reduce((n, p) => n + p.text.length, 0);
        const leadText = lead.reduce((n, u) => n + u.text.length, 0);
        if (!more && sectionText > leadText + 40) more = { code: top.code, aspect };
      }
      // a form the question names ("CT07") is shown where the record mentions it, if the lead did not
      const code = new RegExp(FORM_CODE.source, 'iu').exec(question)?.[0];
      if (code && body.length > 0 && !body.join('\n').toLowerCase().includes(code.toLowerCase())) {
        const pattern = new RegExp(escapeRegExp(code), 'iu');
        const where = own
          .filter((p) => p.aspect !== 'can_cu' && p.aspect !== 'tong_quan')
          .flatMap((p) => splitLines(p.text).map((line) => ({ line, passage: p })))
          .find((c) => pattern.test(c.line));
        if (where) {
          body.push(`${sectionLabel(where.passage)}: ${normalizeMoney(windowAround(where.line, pattern, 160))}`);
          sources.push(sourceOf(where.passage));
        }
      }
      if (body.length === 0) {
        // nothing of the asked kind in this record: the lines of any section that match the question best
        const candidates = own
          .filter((p) => p.aspect !== 'can_cu')
          .flatMap((p) => splitLines(p.text).map((line) => ({ line, passage: p })));
        const picked = pickLines(
          candidates.map((c) => c.line),
          terms,
          { budget: 300, maxLines: 2, lineBudget: 220 },
        );
        for (const line of picked) {
          const from = candidates.find((c) => line === c.line || line.startsWith(c.line.slice(0, 40)))?.passage ?? top;
          body.push(`${sectionLabel(from)}: ${normalizeMoney(line)}`);
          sources.push(sourceOf(from));
        }
      }
      const text = [...body, procedureName(headingOf(top, 100)), procedureSource(top.code, top.url)].join('\n');
      return { text, abstained: false, aspect: retrieval.aspect, docCodes, sources, focus, more };
    },
  };
}

// what residents most often need when a question asks several things ("bao lâu có kết quả" is a time, not a result)
const PRIORITY: readonly Aspect[] = [
  'thoi_han',
  'le_phi',
  'co_quan',
  'ho_so',
  'dieu_kien',
  'doi_tuong',
  'trinh_tu',
  'ket_qua',
];

function byPriority(asked: readonly Aspect[]): Aspect[] {
  const rank = (a: Aspect) => (PRIORITY.indexOf(a) === -1 ? PRIORITY.length : PRIORITY.indexOf(a));
  return [...asked].sort((a, b) => rank(a) - rank(b));
}

/** The lines of a short answer: "Phí, lệ phí: …", units of one section together, a note after expired ones. */
function leadLines(lead: readonly LeadUnit[], now: Date): string[] {
  const lines: string[] = [];
  const bySection = new Map<string, string[]>();
  for (const unit of lead) {
    const label = sectionLabel(unit.passage);
    const text = normalizeMoney(unit.text) + (isExpiredProvision(unit.text, now) ? ` ${EXPIRED_NOTE}` : '');
    bySection.set(label, [...(bySection.get(label) ?? []), text]);
  }
  for (const [label, texts] of bySection) {
    if (texts.length === 1) lines.push(`${label}: ${texts[0]}`);
    else lines.push(`${label}:`, ...texts.map((t) => `  ${/^[-+•]/u.test(t) ? t : `- ${t}`}`));
  }
  return lines;
}

/** "bao nhiêu điểm", "mấy điểm", "đạt bao nhiêu": the question asks for a score. */
function asksForScore(question: string): boolean {
  return /\b(?:bao nhieu diem|may diem|diem so|duoc bao nhieu|dat bao nhieu)\b/u.test(
    foldDiacritics(question.toLowerCase()),
  );
}

const SCORE = /\d+(?:[.,]\d+)?(?:\/\d+(?:[.,]\d+)?)?\s*điểm/u;

/**
 * The clause that states a score for what the question names, cut around the figure. What the question names is
 * a phrase ("quản trị điện tử"): the clause holding the longest run of the question's consecutive words wins, then
 * the one holding more of its words.
 */
function bestFigure(lines: readonly string[], terms: QuestionTerms): string | undefined {
  let best: { text: string; score: number } | undefined;
  for (const clause of lines.flatMap((line) => splitClauses(line))) {
    if (!SCORE.test(clause)) continue;
    const words = foldedWords(clause);
    let run = 0;
    let longest = 0;
    for (let i = 0; i + 1 < words.length; i++) {
      run = terms.bigrams.has(`${words[i]} ${words[i + 1]}`) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    const score = longest * 2 + new Set(words.filter((w) => terms.unigrams.has(w))).size * 0.5 - clause.length / 1000;
    if (!best || score > best.score) best = { text: windowAround(clause, SCORE, 200), score };
  }
  return best?.text;
}

/** "xem đủ", "đầy đủ", "toàn bộ", "chi tiết": the resident wants the whole section, not the one line. */
export function wantsWholeSection(question: string): boolean {
  const folded = foldDiacritics(question.toLowerCase());
  return /(?:^|\s)(?:xem (?:du|het|day du|toan bo|chi tiet)|day du|toan bo|chi tiet)(?:\s|$|[?.!,:])/u.test(folded);
}

/** Every line of the asked sections of one record, in the record's order (money in one style, expired marked). */
function wholeSections(
  own: readonly Passage[],
  aspects: readonly Aspect[],
  now: Date,
): { body: string[]; sources: SourceRef[] } {
  const body: string[] = [];
  const sources: SourceRef[] = [];
  for (const aspect of aspects.slice(0, 2)) {
    const passages = own.filter((p) => p.aspect === aspect).sort((a, b) => a.ordinal - b.ordinal);
    if (passages.length === 0) continue;
    const lines = passages.flatMap((p) => splitLines(p.text));
    body.push(`${sectionLabel(passages[0] as Passage)}:`);
    for (const line of lines)
      body.push(`  ${normalizeMoney(line)}${isExpiredProvision(line, now) ? ` ${EXPIRED_NOTE}` : ''}`);
    sources.push(sourceOf(passages[0] as Passage));
  }
  return { body, sources };
}

/**
 * The sections an answer quotes: the aspects asked, or — for "how do I…" questions and questions that name
 * none — the documents to bring, where to go and how long it takes, which is what residents need first.
 */
function planAspects(asked: readonly Aspect[]): Aspect[] {
  const overview: Aspect[] = ['ho_so', 'thoi_han'];
  if (!asked.includes('trinh_tu')) return asked.length === 0 ? overview : [...asked];
  // the steps themselves are long and alike across records; what to bring, where and how long say more
  const plan: Aspect[] = asked.filter((a) => a !== 'trinh_tu');
  for (const a of overview) if (!plan.includes(a)) plan.push(a);
  return plan;
}

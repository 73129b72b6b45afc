// Chooses the sentence or table row that answers a question's aspect for the case asked (the A1 fee, not the car
// fees; the online time when the resident asks online; where the resident goes), to lead a short answer with.
import type { Aspect, Passage } from '../types.js';
import { foldDiacritics } from '../vietnamese/index.js';
import { isExpiredProvision } from './dated.js';
import {
  aspectBonus,
  DURATION_FACT,
  itemHead,
  MONEY_FACT,
  overlapScore,
  type QuestionTerms,
  REQUIRED_DOCUMENT,
  splitClauses,
  splitLines,
  windowAround,
} from './extract.js';

/** A piece of source text that may lead an answer, with the passage it comes from. */
export interface LeadUnit {
  text: string;
  passage: Passage;
  score: number;
  /**
   * table: the time/fee table's answer; item: a document to submit; line: a line or sentence of the section;
   * detail: a sentence of the table's description; elsewhere: a sentence of another section.
   */
  kind: 'table' | 'item' | 'line' | 'detail' | 'elsewhere';
  /** Overlap with the question's words alone. */
  overlap: number;
}

export type Channel = 'Trực tuyến' | 'Trực tiếp' | 'Dịch vụ bưu chính';

const CHANNEL_CUES: ReadonlyArray<[Channel, RegExp]> = [
  ['Trực tuyến', /\b(?:online|onl|truc tuyen|qua mang|tren mang|vneid|dich vu cong|cong dvc|qua app|ung dung)\b/],
  ['Dịch vụ bưu chính', /\b(?:buu dien|buu chinh|gui thu|qua buu|chuyen phat)\b/],
  ['Trực tiếp', /\b(?:truc tiep|den nop|toi nop|ra xa|ra phuong|len huyen|tai bo phan|mot cua)\b/],
];

/** The way of submitting the question names, if any ("nộp online" → Trực tuyến). */
export function askedChannel(question: string): Channel | undefined {
  const folded = foldDiacritics(question.toLowerCase());
  for (const [channel, cue] of CHANNEL_CUES) if (cue.test(folded)) return channel;
  return undefined;
}

/** A time/fee row as the chunker writes it: "Trực tuyến, Trực tiếp: 7 Ngày làm việc; phí, lệ phí: Miễn phí (…)". */
interface SubmissionLine {
  channels: string;
  time: string;
  fee: string;
  description: string;
}

const ROW = /^((?:Trực tuyến|Trực tiếp|Dịch vụ bưu chính)(?:, (?:Trực tuyến|Trực tiếp|Dịch vụ bưu chính))*): (.*)$/u;

export function parseSubmissionLine(line: string): SubmissionLine | undefined {
  const row = ROW.exec(line);
  if (!row) return undefined;
  const rest = row[2] as string;
  // the description is the bracket that closes at the end of the line
  let description = '';
  let head = rest;
  if (rest.endsWith(')')) {
    let depth = 0;
    for (let i = rest.length - 1; i >= 0; i--) {
      if (rest[i] === ')') depth++;
      else if (rest[i] === '(') {
        depth--;
        if (depth === 0) {
          const before = rest.slice(0, i);
          // a bracket right after the time ("(đơn vị theo trình tự thực hiện)") belongs to the time
          if (/;\s*phí, lệ phí:[^;]*$/u.test(before) || !/phí, lệ phí:/u.test(before)) {
            description = rest.slice(i + 1, -1).trim();
            head = before.trim();
          }
          break;
        }
      }
    }
  }
  const feeAt = head.indexOf('phí, lệ phí:');
  const timePart = (feeAt === -1 ? head : head.slice(0, feeAt)).replace(/;\s*$/u, '').trim();
  const fee = feeAt === -1 ? '' : head.slice(feeAt + 'phí, lệ phí:'.length).trim();
  return { channels: row[1] as string, time: timePart.replace(/^thời hạn:\s*/u, ''), fee, description };
}

/** Longest a leading unit may be before it is cut around its fact. */
const UNIT_MAX = 180;

function cut(text: string, pattern: RegExp | undefined): string {
  if (text.length <= UNIT_MAX) return text;
  return windowAround(text, pattern ?? /\S/u, UNIT_MAX);
}

// a duration, not a date: "05 ngày làm việc", "ngay trong ngày"; not "ngày 01 tháng 7 năm 2025"
const STRICT_DURATION =
  /(?<!ngày\s)(?<!tháng\s)(?<![\d/])\d+\s*(?:ngày|giờ|tháng|năm|phút|tuần)(?!\s*\d)|ngay (?:trong ngày|khi|sau khi)|trong ngày/iu;

/** Extra evidence a sentence states the fact asked (a stricter duration than the section ranker's). */
function factBonus(text: string, aspect: Aspect): number {
  if (aspect === 'thoi_han') return STRICT_DURATION.test(text) ? 3 : 0;
  return aspectBonus(text, aspect);
}

// a form the question asks for ("mẫu nào", "tờ khai gì"): the item is cut around its form number, not at its head
const ASKS_FORM = /\b(?:mau|to khai|phieu|bieu mau|form)\b/;
const FORM_MENTION = /[Mm]ẫu(?: số)?\s*\S+|Phụ lục\s*\S+|\d{1,3}\/[A-ZĐ][A-ZĐ0-9-]+|[A-ZĐ]{1,4}\d{1,3}[a-z]?\b/u;

function factPattern(aspect: Aspect): RegExp | undefined {
  if (aspect === 'le_phi') return MONEY_FACT;
  if (aspect === 'thoi_han') return DURATION_FACT;
  return undefined;
}

const SUBMIT_PLACE = /(?:nộp|gửi|nộp hồ sơ|nộp đơn)[^.;]{0,60}?\s(?:tại|đến|về|cho)\s/iu;
const AGENCY_LABEL = /^(?:Cơ quan thực hiện|Địa chỉ tiếp nhận hồ sơ|Cơ quan có thẩm quyền|Cơ quan được ủy quyền):/u;

export interface LeadOptions {
  aspect: Aspect;
  terms: QuestionTerms;
  channel?: Channel | undefined;
  today: Date;
  /** The question, lower case without accents (what it asks for: "mẫu nào"). */
  foldedQuestion?: string | undefined;
}

/**
 * Every unit of the record that could answer `aspect`: the section's rows, items or sentences, and sentences of
 * other sections that state the kind of fact asked (a time in the steps, where the steps say to submit).
 */
export function leadCandidates(own: readonly Passage[], options: LeadOptions): LeadUnit[] {
  const { aspect, terms, channel, today } = options;
  const units: LeadUnit[] = [];
  const add = (text: string, passage: Passage, bonus: number, kind: LeadUnit['kind'] = 'line') => {
    const t = text.trim();
    if (t.length < 4) return;
    const overlap = overlapScore(t, terms);
    let score = overlap + bonus - t.length / 400;
    if (isExpiredProvision(t, today)) score -= 6;
    units.push({ text: t, passage, score, kind, overlap });
  };
  const section = own.filter((p) => p.aspect === aspect).sort((a, b) => a.ordinal - b.ordinal);
  const rows: Array<{ row: SubmissionLine; passage: Passage }> = [];
  const items: Array<{ line: string; passage: Passage }> = [];
  for (const passage of section) {
    for (const line of splitLines(passage.text)) {
      if (aspect === 'thoi_han' || aspect === 'le_phi') {
        const row = parseSubmissionLine(line);
        if (row) {
          rows.push({ row, passage });
          const channelBonus = channel && row.channels.includes(channel) ? 1.5 : 0;
          // a row's description speaks for the row: only its sentences that state the fact asked
          for (const clause of splitClauses(row.description))
            if (factBonus(clause, aspect) > 0)
              add(cut(clause, factPattern(aspect)), passage, factBonus(clause, aspect) + channelBonus, 'detail');
          continue;
        }
      }
      if (aspect === 'ho_so') {
        items.push({ line, passage });
        continue;
      }
      if (aspect === 'co_quan') {
        if (/^Cơ quan phối hợp:|^Cách thức nộp hồ sơ:/u.test(line)) continue;
        // where the resident goes first, then who decides
        const bonus = /^Địa chỉ tiếp nhận hồ sơ:/u.test(line) ? 4 : AGENCY_LABEL.test(line) ? 3 : 0;
        add(cut(line, undefined), passage, bonus);
        continue;
      }
      const clauses = line.length <= UNIT_MAX ? [line] : splitClauses(line);
      for (const clause of clauses) add(cut(clause, factPattern(aspect)), passage, 1 + factBonus(clause, aspect));
    }
  }
  if (rows.length > 0) {
    // the table's answer, every way of submitting in one line ("Trực tuyến: 20 Ngày làm việc; Trực tiếp: 30 …"),
    // or only the way the question names
    const value = (r: SubmissionLine) => (aspect === 'thoi_han' ? r.time : r.fee);
    const named = channel ? rows.filter((r) => r.row.channels.includes(channel)) : [];
    const chosen = (named.length > 0 ? named : rows).filter((r) => value(r.row) !== '');
    const parts = [...new Set(chosen.map((r) => `${r.row.channels}: ${value(r.row)}`))];
    const first = chosen[0];
    if (first && parts.length > 0)
      add(parts.join('; '), first.passage, 6.5 - overlapScore(parts.join('; '), terms), 'table');
  }
  if (items.length > 0) {
    // documents to submit: the items the record counts copies of, not its notes (when it counts any)
    const required = items.filter((i) => REQUIRED_DOCUMENT.test(i.line));
    const asksForm = ASKS_FORM.test(options.foldedQuestion ?? '');
    for (const item of required.length > 0 ? required : items) {
      const form = asksForm ? FORM_MENTION.exec(item.line) : null;
      const text = form && form.index > 100 ? windowAround(item.line, FORM_MENTION, 170) : itemHead(item.line, 120);
      add(text, item.passage, 2 + (form ? 1.5 : 0), 'item');
    }
  }
  // the same kind of fact stated elsewhere in the record (steps, conditions): only on the question's own words
  for (const passage of own) {
    if (passage.aspect === aspect || passage.aspect === 'can_cu' || passage.aspect === 'tong_quan') continue;
    if (aspect === 'ho_so' || passage.aspect === 'thoi_han' || passage.aspect === 'le_phi') continue;
    for (const line of splitLines(passage.text)) {
      for (const clause of splitClauses(line)) {
        const states =
          aspect === 'thoi_han'
            ? STRICT_DURATION.test(clause)
            : aspect === 'le_phi'
              ? MONEY_FACT.test(clause)
              : aspect === 'co_quan'
                ? SUBMIT_PLACE.test(clause)
                : passage.aspect === 'dieu_kien' || passage.aspect === 'doi_tuong';
        if (!states) continue;
        if (overlapScore(clause, terms) < 1) continue;
        add(
          cut(clause, factPattern(aspect) ?? (aspect === 'co_quan' ? SUBMIT_PLACE : undefined)),
          passage,
          -1.5,
          'elsewhere',
        );
      }
    }
  }
  return units;
}

/** A table answer that answers nothing: no information, or a number the record gives no unit for. */
function saysNothing(unit: LeadUnit): boolean {
  return /không có thông tin|không ghi đơn vị/u.test(unit.text);
}

/**
 * The units to lead with. For time and fee, the table's answer, and the sentence that states it for the case asked
 * when one does better (the A1 fee among the fees of every class); a sentence of another section only on the
 * question's own words, or when the table says nothing. For documents, the best-matching items. Otherwise the best
 * line, and a second when it is nearly as good.
 */
export function chooseLead(candidates: readonly LeadUnit[], aspect: Aspect, most: number): LeadUnit[] {
  const ranked = [...candidates].sort((a, b) => b.score - a.score);
  if (aspect === 'ho_so') {
    const items = ranked.filter((u) => u.kind === 'item');
    return (items.length > 0 ? items : ranked).slice(0, most);
  }
  if (aspect === 'thoi_han' || aspect === 'le_phi') {
    const table = ranked.find((u) => u.kind === 'table');
    const silent = !table || saysNothing(table);
    const others = ranked.filter(
      (u) => u.kind !== 'table' && (u.kind !== 'elsewhere' || silent || u.overlap >= 3) && !saysNothing(u),
    );
    const chosen: LeadUnit[] = [];
    const better = others[0];
    if (table) chosen.push(table);
    if (better && (silent || better.score > (table?.score ?? 0) || (aspect === 'le_phi' && better.kind === 'detail')))
      chosen.unshift(better);
    // the table's own answer always stays: the sentence before it says more about the case, not instead of it
    return chosen;
  }
  const best = ranked[0];
  if (!best) return [];
  const chosen: LeadUnit[] = [best];
  for (const unit of ranked.slice(1)) {
    if (chosen.length >= most) break;
    if (unit.score < best.score - 2.5) break;
    if (chosen.some((c) => c.text.includes(unit.text) || unit.text.includes(c.text))) continue;
    chosen.push(unit);
  }
  return chosen;
}

// Deadline rules as effective-dated data (settings/deadlines.yaml): what each time limit is, its legal basis, how its
// days are counted, and when it is in force. A ticket uses the rules in force on the day the step's clock is set by
// (receipt, or the day of an extension or of a second-time complaint).
import type { TicketKind } from './types.js';

/**
 * acknowledge: accept or refuse (thụ lý), or tell the sender what happened, counted from receipt;
 * forward: pass on what is not ours, from receipt; notify: tell the sender of the acceptance, from acceptance;
 * settle: the answer (from acceptance for complaints and denunciations, from receipt otherwise);
 * extension: one extension of a denunciation's settlement; appeal: the window for a second-time complaint.
 */
export const DEADLINE_STEPS = ['acknowledge', 'forward', 'notify', 'settle', 'extension', 'appeal'] as const;
export type DeadlineStep = (typeof DEADLINE_STEPS)[number];

export type DayCounting = 'calendar' | 'working';
export type ComplaintRound = 'first' | 'second';

/** One legal text a rule rests on. */
export interface LegalBasis {
  law: string;
  article?: string | undefined;
  clause?: string | undefined;
  point?: string | undefined;
}

export interface DeadlineRule {
  id: string;
  step: DeadlineStep;
  kinds: TicketKind[];
  /** Complaints only: first or second time; undefined = both. */
  round?: ComplaintRound | undefined;
  /** Only these categories (e.g. petitions on administrative regulations, Decree 20/2008); undefined = all. */
  categories?: string[] | undefined;
  /** What the date is called, for residents and officers alike (each date has its own). */
  label: string;
  /** Days, or the category's petitionAnswerWorkingDays. */
  days: number | 'category';
  complexDays?: number | undefined;
  remoteDays?: number | undefined;
  remoteComplexDays?: number | undefined;
  /** Acknowledgement lengthened with a recorded reason (denunciations, Law on Denunciations 2018 Art. 24(1)). */
  extendedDays?: number | undefined;
  maxTimes?: number | undefined;
  maxTimesEspeciallyComplex?: number | undefined;
  counting: DayCounting;
  basis: LegalBasis[];
  /** The province's own commitment, never presented as a legal limit. */
  commitment: boolean;
  /** Not checked against the official text: said wherever the rule is shown. */
  verify: boolean;
  note?: string | undefined;
  /** YYYY-MM-DD, inclusive. */
  effectiveFrom: string;
  /** YYYY-MM-DD, inclusive; null while in force. */
  effectiveTo: string | null;
}

/** The staff-edited deadline settings: the rules and the knobs around them. */
export interface DeadlineSettings {
  rules: DeadlineRule[];
  /** How rules with `counting: calendar` ("ngày" in the law) are counted. */
  legalDayCounting: DayCounting;
  /** "due soon" = the deadline falls within this many working days. */
  dueSoonWorkingDays: number;
  /** Days after an answer in which the resident may dispute it (first-time complaints: the appeal rule). */
  disputeWindowDays: number;
}

export interface RuleQuery {
  step: DeadlineStep;
  kind: TicketKind;
  /** The day the rule must be in force on (YYYY-MM-DD). */
  on: string;
  round?: ComplaintRound | undefined;
  category?: string | null | undefined;
}

function inForce(rule: DeadlineRule, on: string): boolean {
  return rule.effectiveFrom <= on && (rule.effectiveTo === null || on <= rule.effectiveTo);
}

function matches(rule: DeadlineRule, q: RuleQuery): boolean {
  if (rule.step !== q.step || !rule.kinds.includes(q.kind)) return false;
  if (rule.round && q.kind === 'complaint' && rule.round !== (q.round ?? 'first')) return false;
  if (rule.categories && !(q.category && rule.categories.includes(q.category))) return false;
  return inForce(rule, q.on);
}

/** The rule in force for a step on a day; a rule for the ticket's category wins over a general one. */
export function findRule(rules: readonly DeadlineRule[], q: RuleQuery): DeadlineRule | undefined {
  const found = rules.filter((r) => matches(r, q));
  return found.find((r) => r.categories) ?? found[0];
}

/** "Luật Khiếu nại 2011, Điều 28" · "Luật Tố cáo 2018, Điều 24 khoản 1" — one basis as a person cites it. */
export function citeBasis(b: LegalBasis): string {
  const parts = [
    b.article ? `Điều ${b.article}` : undefined,
    b.clause ? `khoản ${b.clause}` : undefined,
    b.point ? `điểm ${b.point}` : undefined,
  ].filter(Boolean);
  return parts.length ? `${b.law}, ${parts.join(' ')}` : b.law;
}

/** Every basis of a rule, "; "-separated. */
export function citeRule(rule: DeadlineRule): string {
  return rule.basis.map(citeBasis).join('; ');
}

/** The label as shown: a commitment always says it is the province's, never the law's. */
export function ruleLabel(rule: DeadlineRule): string {
  return rule.commitment && !rule.label.includes('cam kết của tỉnh') ? `${rule.label} (cam kết của tỉnh)` : rule.label;
}

/** What an officer must be told about a rule before relying on it, or undefined. */
export function verifyWarning(rule: DeadlineRule): string | undefined {
  if (!rule.verify) return undefined;
  return `⚠ Cần đối chiếu văn bản (quy tắc ${rule.id})${rule.note ? `: ${rule.note}` : '.'}`;
}

function overlap(a: DeadlineRule, b: DeadlineRule): boolean {
  const aEnd = a.effectiveTo ?? '9999-12-31';
  const bEnd = b.effectiveTo ?? '9999-12-31';
  return a.effectiveFrom <= bEnd && b.effectiveFrom <= aEnd;
}

/**
 * Problems that make the rule book ambiguous or incomplete, each with the index of the rule it is about: two rules
 * for the same step, kind, round and categories in force on the same day; a step without a rule in force today for
 * a kind that needs one.
 */
export function checkRules(rules: readonly DeadlineRule[]): Array<{ index: number; message: string }> {
  const problems: Array<{ index: number; message: string }> = [];
  const seen = new Map<string, number>();
  rules.forEach((rule, index) => {
    const first = seen.get(rule.id);
    if (first !== undefined) problems.push({ index, message: `mã quy tắc "${rule.id}" bị lặp` });
    else seen.set(rule.id, index);
    if (rule.effectiveTo !== null && rule.effectiveTo < rule.effectiveFrom)
      problems.push({ index, message: 'effectiveTo trước effectiveFrom' });
    if (rule.days === 'category' && rule.step !== 'settle' && rule.step !== 'acknowledge')
      problems.push({ index, message: 'days: category chỉ dùng cho thụ lý hoặc trả lời' });
    for (let j = 0; j < index; j++) {
      const other = rules[j] as DeadlineRule;
      if (other.step !== rule.step || !other.kinds.some((k) => rule.kinds.includes(k))) continue;
      if (other.round && rule.round && other.round !== rule.round) continue;
      const sameScope =
        (!other.categories && !rule.categories) ||
        (other.categories && rule.categories && other.categories.some((c) => rule.categories?.includes(c)));
      if (sameScope && overlap(other, rule))
        problems.push({
          index,
          message: `trùng thời gian hiệu lực với quy tắc "${other.id}" (cùng bước ${rule.step}, cùng loại yêu cầu)`,
        });
    }
  });
  const open = (step: DeadlineStep, kind: TicketKind) =>
    rules.some((r) => r.step === step && r.kinds.includes(kind) && r.effectiveTo === null && !r.categories);
  const required: Array<[DeadlineStep, TicketKind[]]> = [
    ['acknowledge', ['petition', 'complaint', 'denunciation', 'question']],
    ['settle', ['petition', 'complaint', 'denunciation', 'question']],
  ];
  for (const [step, kinds] of required)
    for (const kind of kinds)
      if (!open(step, kind))
        problems.push({ index: -1, message: `thiếu quy tắc ${step} đang áp dụng (effectiveTo trống) cho ${kind}` });
  return problems;
}

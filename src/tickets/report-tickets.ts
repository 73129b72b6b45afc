// Use case: the accountability figures per unit, category, commune, month or kind — what PAPI's accountability
// dimension asks residents about (were petitions answered, and on time?). Aggregates only: no code, text or person.
// The same figures serve the officers' report (CLI, console) and the public transparency page, where groups too
// small to stay anonymous are not broken down.
import { addWorkingDays, endOfVietnamDay, vietnamDate } from './deadlines.js';
import type { TicketDeps } from './deps.js';
import type { ReportAggregate } from './ports.js';
import { KIND_LABEL, type TicketKind } from './types.js';

export const REPORT_GROUPINGS = ['unit', 'category', 'commune', 'month', 'kind'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

/** The acknowledgement bar of the report: "tiếp nhận, thông báo thụ lý trong 10 ngày làm việc". */
export const ACKNOWLEDGE_WORKING_DAYS = 10;
/** Public figures: a group with fewer tickets than this shows its count only (no rates that could single someone out). */
export const PUBLIC_MIN_GROUP = 5;

export interface ReportOptions {
  by: ReportGrouping;
  /** Received on or after (inclusive). */
  from?: Date | undefined;
  /** Received before (exclusive). */
  to?: Date | undefined;
  /** Only these units' tickets (a unit-scoped reader sees their own); absent: every unit. */
  unitCodes?: string[] | undefined;
}

export interface ReportFigures {
  received: number;
  /** Acknowledged (accepted, refused or forwarded) within 10 working days of receipt… */
  acknowledgedInTime: number;
  /** …out of those acknowledged or whose 10 working days have passed. */
  acknowledgeDue: number;
  /** Answered (or closed) by the legal deadline… */
  answeredInTime: number;
  /** …out of those answered or whose deadline has passed. */
  answerDue: number;
  answered: number;
  /** Median calendar days from receipt to the answer; null when none was answered. */
  medianDaysToAnswer: number | null;
  /** Open tickets whose current deadline has passed. */
  overdueNow: number;
  /** Tickets the resident disputed after an answer. */
  disputed: number;
  /** Mean of the residents' 1–5 ratings, and how many rated. */
  satisfactionMean: number | null;
  satisfactionCount: number;
  /** Share of residents who said the problem was resolved, and how many answered that question. */
  resolvedRate: number | null;
  resolvedCount: number;
}

export interface ReportGroup extends ReportFigures {
  key: string;
  label: string;
}

export interface TicketReport {
  by: ReportGrouping;
  from: string | null;
  to: string | null;
  generatedAt: string;
  groups: ReportGroup[];
  total: ReportFigures;
}

/** Petitions, complaints and denunciations (a resident's question handed to staff is not a petition). */
const REPORTED_KINDS: TicketKind[] = ['petition', 'complaint', 'denunciation'];

export async function reportTickets(deps: TicketDeps, options: ReportOptions): Promise<TicketReport> {
  return (await reportTicketsBy(deps, [options.by], options))[options.by] as TicketReport;
}

/**
 * Several groupings of the same tickets (the transparency page shows four), counted by the store in one query:
 * 100,000 tickets are never brought into this process.
 */
export async function reportTicketsBy(
  deps: TicketDeps,
  groupings: readonly ReportGrouping[],
  range: Omit<ReportOptions, 'by'>,
): Promise<Partial<Record<ReportGrouping, TicketReport>>> {
  const now = deps.clock.now();
  const filter = { kinds: REPORTED_KINDS, receivedFrom: range.from, receivedTo: range.to, unitCodes: range.unitCodes };
  const days = await deps.store.receiptDays(filter);
  const aggregates = await deps.store.aggregateReport({
    ...filter,
    groupings,
    now,
    acknowledgeBy: days ? acknowledgeDeadlines(deps, days.first, days.last) : [],
  });
  const totalRow = aggregates.find((a) => a.grouping === null);
  const total = totalRow ? figures(totalRow) : figures(EMPTY);
  const out: Partial<Record<ReportGrouping, TicketReport>> = {};
  for (const by of groupings) {
    const label = labeller(deps, by);
    const groups: ReportGroup[] = aggregates
      .filter((a) => a.grouping === by)
      .map((a) => ({ key: a.key ?? NONE, label: label(a.key ?? NONE), ...figures(a) }));
    groups.sort((a, b) => (by === 'month' ? a.key.localeCompare(b.key) : b.received - a.received));
    out[by] = {
      by,
      from: range.from ? vietnamDate(range.from) : null,
      to: range.to ? vietnamDate(range.to) : null,
      generatedAt: now.toISOString(),
      groups,
      total,
    };
  }
  return out;
}

/** The last moment of the 10-working-day acknowledgement period for every receipt day from first to last. */
function acknowledgeDeadlines(deps: TicketDeps, first: string, last: string): Array<{ day: string; by: Date }> {
  const out: Array<{ day: string; by: Date }> = [];
  for (let day = first; day <= last; day = nextDay(day))
    out.push({ day, by: endOfVietnamDay(addWorkingDays(day, ACKNOWLEDGE_WORKING_DAYS, deps.settings.calendar)) });
  return out;
}

function nextDay(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const NONE = '-';

const EMPTY: ReportAggregate = {
  grouping: null,
  key: null,
  received: 0,
  acknowledgedInTime: 0,
  acknowledgeDue: 0,
  answered: 0,
  answeredInTime: 0,
  answerDue: 0,
  medianDaysToAnswer: null,
  overdueNow: 0,
  disputed: 0,
  satisfactionMean: null,
  satisfactionCount: 0,
  resolvedYes: 0,
  resolvedCount: 0,
};

function labeller(deps: TicketDeps, by: ReportGrouping): (key: string) => string {
  const { settings } = deps;
  return (key) => {
    if (by === 'month') return `${key.slice(5, 7)}/${key.slice(0, 4)}`;
    if (key === NONE) return by === 'unit' ? 'Chưa giao đơn vị' : 'Không rõ nơi';
    if (by === 'unit') return settings.routing.units.find((u) => u.code === key)?.name ?? key;
    if (by === 'category') return settings.categories.find((c) => c.code === key)?.name ?? key;
    if (by === 'commune') return settings.places.commune(key)?.name ?? key;
    return KIND_LABEL[key as TicketKind] ?? key;
  };
}

function figures(a: ReportAggregate): ReportFigures {
  return {
    received: a.received,
    acknowledgedInTime: a.acknowledgedInTime,
    acknowledgeDue: a.acknowledgeDue,
    answeredInTime: a.answeredInTime,
    answerDue: a.answerDue,
    answered: a.answered,
    medianDaysToAnswer: a.medianDaysToAnswer === null ? null : round1(a.medianDaysToAnswer),
    overdueNow: a.overdueNow,
    disputed: a.disputed,
    satisfactionMean: a.satisfactionMean === null ? null : round1(a.satisfactionMean),
    satisfactionCount: a.satisfactionCount,
    resolvedRate: a.resolvedCount > 0 ? a.resolvedYes / a.resolvedCount : null,
    resolvedCount: a.resolvedCount,
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A share as "87%" (or "—" when there is nothing to divide). */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—';
}

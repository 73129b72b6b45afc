// Use case: the accountability figures per unit, category, commune, month or kind — what PAPI's accountability
// dimension asks residents about (were petitions answered, and on time?). Aggregates only: no code, text or person.
// The same figures serve the officers' report (CLI, console) and the public transparency page, where groups too
// small to stay anonymous are not broken down.
import { addWorkingDays, currentDeadline, endOfVietnamDay, vietnamDate } from './deadlines.js';
import type { TicketDeps } from './deps.js';
import { OPEN_STATUSES } from './lifecycle.js';
import type { ReportRow } from './ports.js';
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
  const rows = await deps.store.listReportRows({ receivedFrom: options.from, receivedTo: options.to });
  const now = deps.clock.now();
  const reported = rows.filter((r) => REPORTED_KINDS.includes(r.kind));
  const groups = new Map<string, ReportRow[]>();
  for (const row of reported) {
    const key = groupKey(row, options.by);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  const label = labeller(deps, options.by);
  const out: ReportGroup[] = [...groups.entries()].map(([key, list]) => ({
    key,
    label: label(key),
    ...figures(deps, list, now),
  }));
  out.sort((a, b) => (options.by === 'month' ? a.key.localeCompare(b.key) : b.received - a.received));
  return {
    by: options.by,
    from: options.from ? vietnamDate(options.from) : null,
    to: options.to ? vietnamDate(options.to) : null,
    generatedAt: now.toISOString(),
    groups: out,
    total: figures(deps, reported, now),
  };
}

const NONE = '-';

function groupKey(row: ReportRow, by: ReportGrouping): string {
  switch (by) {
    case 'unit':
      return row.unitCode ?? NONE;
    case 'category':
      return row.category;
    case 'commune':
      return row.commune ?? NONE;
    case 'month':
      return vietnamDate(row.receivedAt).slice(0, 7);
    case 'kind':
      return row.kind;
  }
}

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

function figures(deps: TicketDeps, rows: ReportRow[], now: Date): ReportFigures {
  const calendar = deps.settings.calendar;
  const f: ReportFigures = {
    received: rows.length,
    acknowledgedInTime: 0,
    acknowledgeDue: 0,
    answeredInTime: 0,
    answerDue: 0,
    answered: 0,
    medianDaysToAnswer: null,
    overdueNow: 0,
    disputed: 0,
    satisfactionMean: null,
    satisfactionCount: 0,
    resolvedRate: null,
    resolvedCount: 0,
  };
  const days: number[] = [];
  let satisfactionSum = 0;
  let resolvedYes = 0;
  for (const r of rows) {
    const ackBy = endOfVietnamDay(addWorkingDays(vietnamDate(r.receivedAt), ACKNOWLEDGE_WORKING_DAYS, calendar));
    if (r.acknowledgedAt) {
      f.acknowledgeDue++;
      if (r.acknowledgedAt <= ackBy) f.acknowledgedInTime++;
    } else if (ackBy < now) f.acknowledgeDue++;

    const answeredAt = r.answeredAt ?? r.closedAt;
    if (answeredAt) {
      f.answered++;
      days.push((answeredAt.getTime() - r.receivedAt.getTime()) / 86_400_000);
    }
    if (r.dueAt) {
      const due = endOfVietnamDay(vietnamDate(r.dueAt));
      if (answeredAt) {
        f.answerDue++;
        if (answeredAt <= due) f.answeredInTime++;
      } else if (due < now) f.answerDue++;
    }
    if (OPEN_STATUSES.includes(r.status)) {
      const deadline = currentDeadline(r);
      if (deadline && endOfVietnamDay(vietnamDate(deadline)) < now) f.overdueNow++;
    }
    if (r.disputedAt) f.disputed++;
    if (r.satisfaction !== null) {
      f.satisfactionCount++;
      satisfactionSum += r.satisfaction;
    }
    if (r.residentResolved !== null) {
      f.resolvedCount++;
      if (r.residentResolved) resolvedYes++;
    }
  }
  f.medianDaysToAnswer = days.length > 0 ? round1(median(days)) : null;
  f.satisfactionMean = f.satisfactionCount > 0 ? round1(satisfactionSum / f.satisfactionCount) : null;
  f.resolvedRate = f.resolvedCount > 0 ? resolvedYes / f.resolvedCount : null;
  return f;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A share as "87%" (or "—" when there is nothing to divide). */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—';
}

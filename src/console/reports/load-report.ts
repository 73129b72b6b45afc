// What the reports page, its CSV and its XLSX show: the accountability figures per unit, category, commune and
// month (one aggregate query in the database), scoped to the reader's own units for officers and inspectors, and
// the bot's answer signals of the same period.
import type { Account } from '../../accounts/index.js';
import { LruMap } from '../../shared/lru-map.js';
import {
  type AnswerSignalsReport,
  type ReportGrouping,
  reportAnswerSignals,
  reportTicketsBy,
  type TicketDeps,
  type TicketReport,
} from '../../tickets/index.js';
import type { ReportPeriod } from './period.js';

/** The groupings the console shows, in order. */
export const CONSOLE_GROUPINGS = ['unit', 'category', 'commune', 'month'] as const satisfies readonly ReportGrouping[];
export type ConsoleGrouping = (typeof CONSOLE_GROUPINGS)[number];

export const GROUPING_TITLE: Record<ConsoleGrouping, string> = {
  unit: 'Theo đơn vị',
  category: 'Theo lĩnh vực',
  commune: 'Theo xã, phường',
  month: 'Theo tháng',
};

export interface ConsoleReport {
  period: ReportPeriod;
  /** The units the figures are limited to (an officer's or inspector's own); null: every unit. */
  units: string[] | null;
  reports: Record<ConsoleGrouping, TicketReport>;
  signals: AnswerSignalsReport;
}

/** Officers and inspectors see their own units' tickets only; viewers, leads and admins see all. */
export function reportUnitsOf(account: Account): string[] | null {
  return account.role === 'officer' || account.role === 'inspector' ? [...account.units] : null;
}

export async function loadConsoleReport(
  deps: TicketDeps,
  account: Account,
  period: ReportPeriod,
): Promise<ConsoleReport> {
  const units = reportUnitsOf(account);
  const range = { from: period.from, to: period.to, unitCodes: units ?? undefined };
  const [byGrouping, signals] = await Promise.all([
    reportTicketsBy(deps, CONSOLE_GROUPINGS, range),
    reportAnswerSignals(deps, { from: period.from, to: period.to }),
  ]);
  return {
    period,
    units,
    reports: Object.fromEntries(CONSOLE_GROUPINGS.map((g) => [g, byGrouping[g]])) as Record<
      ConsoleGrouping,
      TicketReport
    >,
    signals,
  };
}

/** How long counted figures are shown again before they are counted anew (as the public page /minh-bach does). */
export const REPORT_TTL_MS = 60_000;

/**
 * Counting a year of 100,000 tickets takes a second or more on the embedded database: the same period and scope
 * are counted at most once a minute, however many readers ask (and the page, CSV and XLSX share the count).
 */
export function createReportLoader(
  deps: TicketDeps,
): (account: Account, period: ReportPeriod) => Promise<ConsoleReport> {
  const counted = new LruMap<string, { at: number; report: Promise<ConsoleReport> }>(100);
  return (account, period) => {
    const key = `${period.fromDay}|${period.toDay}|${reportUnitsOf(account)?.join(',') ?? '*'}`;
    const now = deps.clock.now().getTime();
    const hit = counted.get(key);
    if (hit && now - hit.at < REPORT_TTL_MS) return hit.report;
    const report = loadConsoleReport(deps, account, period);
    counted.set(key, { at: now, report });
    report.catch(() => counted.delete(key)); // a failed count is not served again
    return report;
  };
}

// What the reports page, its CSV and its XLSX show: the accountability figures per unit, category, commune and
// month (one aggregate query in the database), scoped to the reader's own units for officers and inspectors, and
// the bot's answer signals of the same period.
import type { Account } from '../../accounts/index.js';
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

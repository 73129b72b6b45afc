// The accountability report as CSV (one row per group, then the total), for spreadsheets.
import { csvCell } from './export-tickets.js';
import type { ReportFigures, TicketReport } from './report-tickets.js';

const COLUMNS = [
  'group',
  'label',
  'received',
  'acknowledged_in_10_working_days',
  'acknowledge_due',
  'answered',
  'answered_in_time',
  'answer_due',
  'answered_in_time_rate',
  'median_days_to_answer',
  'overdue_now',
  'disputed',
  'satisfaction_mean',
  'satisfaction_count',
  'resolved_rate',
  'resolved_count',
] as const;

function cells(key: string, label: string, f: ReportFigures): unknown[] {
  return [
    key,
    label,
    f.received,
    f.acknowledgedInTime,
    f.acknowledgeDue,
    f.answered,
    f.answeredInTime,
    f.answerDue,
    f.answerDue > 0 ? (f.answeredInTime / f.answerDue).toFixed(3) : '',
    f.medianDaysToAnswer,
    f.overdueNow,
    f.disputed,
    f.satisfactionMean,
    f.satisfactionCount,
    f.resolvedRate === null ? '' : f.resolvedRate.toFixed(3),
    f.resolvedCount,
  ];
}

export function reportCsv(report: TicketReport): string {
  const lines = [COLUMNS.join(',')];
  for (const g of report.groups) lines.push(cells(g.key, g.label, g).map(csvCell).join(','));
  lines.push(cells('total', 'Tổng cộng', report.total).map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

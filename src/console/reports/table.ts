// The report as rows of typed cells, shared by the page's tables, the CSV and the XLSX, so the three always hold the
// same figures under the same Vietnamese headings. Rates are fractions (0–1); the page and CSV print them as %.
import type { ReportFigures } from '../../tickets/index.js';
import { CONSOLE_GROUPINGS, type ConsoleReport, GROUPING_TITLE } from './load-report.js';

export type CellKind = 'text' | 'count' | 'rate' | 'decimal';

export interface Column {
  heading: string;
  kind: CellKind;
  value: (f: ReportFigures) => number | null;
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** The figures' columns (after the group's name), in the order of the issue. */
export const FIGURE_COLUMNS: Column[] = [
  { heading: 'Tiếp nhận', kind: 'count', value: (f) => f.received },
  { heading: 'Thông báo thụ lý trong 10 ngày làm việc', kind: 'count', value: (f) => f.acknowledgedInTime },
  { heading: 'Đã phải thông báo thụ lý', kind: 'count', value: (f) => f.acknowledgeDue },
  { heading: 'Tỷ lệ thông báo đúng hạn', kind: 'rate', value: (f) => share(f.acknowledgedInTime, f.acknowledgeDue) },
  { heading: 'Đã trả lời', kind: 'count', value: (f) => f.answered },
  { heading: 'Trả lời trong hạn luật định', kind: 'count', value: (f) => f.answeredInTime },
  { heading: 'Đã đến hạn trả lời', kind: 'count', value: (f) => f.answerDue },
  { heading: 'Tỷ lệ trả lời đúng hạn', kind: 'rate', value: (f) => share(f.answeredInTime, f.answerDue) },
  { heading: 'Trung vị số ngày trả lời', kind: 'decimal', value: (f) => f.medianDaysToAnswer },
  { heading: 'Đang quá hạn', kind: 'count', value: (f) => f.overdueNow },
  { heading: 'Đề nghị xem xét lại', kind: 'count', value: (f) => f.disputed },
  { heading: 'Mức hài lòng trung bình (1–5)', kind: 'decimal', value: (f) => f.satisfactionMean },
  { heading: 'Số lượt đánh giá', kind: 'count', value: (f) => f.satisfactionCount },
  { heading: 'Tỷ lệ người dân nói "đã giải quyết"', kind: 'rate', value: (f) => f.resolvedRate },
  { heading: 'Số người trả lời câu hỏi này', kind: 'count', value: (f) => f.resolvedCount },
];

export interface FigureRow {
  grouping: string;
  key: string;
  label: string;
  values: Array<number | null>;
}

/** One row per group of every grouping, then the total. */
export function figureRows(report: ConsoleReport): FigureRow[] {
  const rows: FigureRow[] = [];
  for (const by of CONSOLE_GROUPINGS)
    for (const g of report.reports[by].groups)
      rows.push({
        grouping: GROUPING_TITLE[by],
        key: g.key,
        label: g.label,
        values: FIGURE_COLUMNS.map((c) => c.value(g)),
      });
  rows.push({
    grouping: 'Tổng cộng',
    key: 'total',
    label: 'Tổng cộng',
    values: FIGURE_COLUMNS.map((c) => c.value(report.reports.unit.total)),
  });
  return rows;
}

export const SIGNAL_COLUMNS = [
  { heading: 'Tháng', key: 'month' },
  { heading: 'Không trả lời được (bot từ chối)', key: 'abstained' },
  { heading: 'Câu trả lời được đánh giá hữu ích', key: 'thumbsUp' },
  { heading: 'Câu trả lời bị đánh giá không hữu ích', key: 'thumbsDown' },
  { heading: 'Xin gặp cán bộ', key: 'staffRequested' },
  { heading: 'Lỗi khi trả lời', key: 'failed' },
  { heading: 'Cán bộ đã trả lời thay', key: 'answeredByStaff' },
  { heading: 'Thành câu hỏi mẫu (FAQ)', key: 'turnedIntoFaq' },
] as const;

/** 0.873 → "87%"; null → "—". */
export function formatCell(kind: CellKind, value: number | string | null): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (kind === 'rate') return `${Math.round(value * 100)}%`;
  if (kind === 'decimal') return value.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  return value.toLocaleString('vi-VN');
}

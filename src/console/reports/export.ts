// The report as files: CSV (UTF-8 with a BOM so Excel reads the accents; rates as fractions 0–1) and XLSX (the
// figures on one sheet, the bot's answer signals on another; rates as numbers formatted as %). XLSX is written by
// `write-excel-file` (one dependency, fflate; no native code, works offline on Node 20).
import writeXlsxFile, { type Row, type SheetData } from 'write-excel-file/node';
import { csvCell } from '../../tickets/index.js';
import type { ConsoleReport } from './load-report.js';
import { FIGURE_COLUMNS, figureRows, SIGNAL_COLUMNS } from './table.js';

const HEAD = ['Nhóm', 'Mã', 'Tên', ...FIGURE_COLUMNS.map((c) => c.heading)];

/** The file name of a download, e.g. bao-cao-2026-01-01-den-2026-12-03.csv. */
export function reportFileName(report: ConsoleReport, extension: 'csv' | 'xlsx'): string {
  return `bao-cao-${report.period.fromDay}-den-${report.period.toDay}.${extension}`;
}

export function reportCsvFile(report: ConsoleReport): string {
  const lines = [HEAD.map(csvCell).join(',')];
  for (const row of figureRows(report)) {
    const values = row.values.map((v, i) =>
      v === null ? '' : FIGURE_COLUMNS[i]?.kind === 'rate' ? v.toFixed(3) : String(v),
    );
    lines.push([row.grouping, row.key, row.label, ...values].map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function reportXlsxFile(report: ConsoleReport): Promise<Buffer> {
  const bold = { fontWeight: 'bold' as const };
  const figures: SheetData = [
    [{ value: `Báo cáo từ ${report.period.fromDay} đến ${report.period.toDay}`, ...bold }],
    HEAD.map((heading) => ({ value: heading, ...bold, wrap: true })),
    ...figureRows(report).map(
      (row): Row => [
        row.grouping,
        row.key,
        row.label,
        ...row.values.map((v, i) =>
          v === null
            ? null
            : FIGURE_COLUMNS[i]?.kind === 'rate'
              ? { value: v, type: Number, format: '0%' }
              : { value: v, type: Number },
        ),
      ],
    ),
  ];
  const signals: SheetData = [
    SIGNAL_COLUMNS.map((c) => ({ value: c.heading, ...bold, wrap: true })),
    ...report.signals.months.map((m): Row => SIGNAL_COLUMNS.map((c) => m[c.key])),
    SIGNAL_COLUMNS.map((c) => (c.key === 'month' ? 'Tổng cộng' : report.signals.total[c.key])),
  ];
  return (await writeXlsxFile([
    {
      sheet: 'Số liệu',
      data: figures,
      stickyRowsCount: 2,
      columns: [{ width: 16 }, { width: 14 }, { width: 28 }, ...FIGURE_COLUMNS.map(() => ({ width: 14 }))],
    },
    { sheet: 'Trợ lý ảo', data: signals, columns: SIGNAL_COLUMNS.map(() => ({ width: 18 })) },
  ]).toBuffer()) as Buffer;
}

// The reports' filters: a period of Vietnam dates (from and to, both included), read the same way by the page and
// its CSV and XLSX downloads. Without them: the last 12 months up to today.
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { vietnamDate } from '../../tickets/index.js';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s))
  .optional()
  .or(z.literal('').transform(() => undefined));

const schema = z.object({ from: day, to: day });

export interface ReportPeriod {
  /** Vietnam dates, both included (YYYY-MM-DD). */
  fromDay: string;
  toDay: string;
  /** The same as instants: [from, to). */
  from: Date;
  to: Date;
}

/** The default period: from the first day of the month eleven months ago to today. */
export function defaultPeriod(now: Date): ReportPeriod {
  const today = vietnamDate(now);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1 - 11, 1)).toISOString().slice(0, 10);
  return toPeriod(start, today);
}

function toPeriod(fromDay: string, toDay: string): ReportPeriod {
  return {
    fromDay,
    toDay,
    from: new Date(`${fromDay}T00:00:00+07:00`),
    to: new Date(Date.parse(`${toDay}T00:00:00+07:00`) + 86_400_000),
  };
}

/** Reads ?from=&to=; a wrong date or a period that ends before it starts is BAD_INPUT, in Vietnamese. */
export function parseReportPeriod(query: Record<string, string | undefined>, now: Date): ReportPeriod {
  const parsed = schema.safeParse({ from: query.from, to: query.to });
  if (!parsed.success)
    throw new AppError('BAD_INPUT', 'Bad report period', {
      userMessage: 'Ngày không hợp lệ: hãy nhập ngày theo dạng năm-tháng-ngày, ví dụ 2026-01-31.',
    });
  const fallback = defaultPeriod(now);
  const fromDay = parsed.data.from ?? fallback.fromDay;
  const toDay = parsed.data.to ?? fallback.toDay;
  if (toDay < fromDay)
    throw new AppError('BAD_INPUT', 'Report period ends before it starts', {
      userMessage: 'Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.',
    });
  if (Date.parse(toDay) - Date.parse(fromDay) > 10 * 366 * 86_400_000)
    throw new AppError('BAD_INPUT', 'Report period too long', {
      userMessage: 'Khoảng thời gian báo cáo dài quá 10 năm; hãy chọn khoảng ngắn hơn.',
    });
  return toPeriod(fromDay, toDay);
}

/** dd/mm/yyyy for a Vietnam date. */
export function formatDay(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

// Loads settings/deadlines.yaml (effective-dated deadline rules) and settings/holidays.yaml (days off and worked
// Saturdays with their source), validated with zod; every mistake names the file, the line and the field in Vietnamese.
import { z } from 'zod';
import { AppError } from '../shared/errors.js';
import { checkRules, DEADLINE_STEPS, type DeadlineRule, type DeadlineSettings } from './deadline-rules.js';
import { type HolidayEntry, isWeekend } from './holidays.js';
import { parseSettings, readSettingsText, type SettingsProblem, settingsError } from './settings-file.js';
import { TICKET_KINDS } from './types.js';

const isoDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD')
    .refine(
      (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
      {
        message: 'ngày không có thật',
      },
    ),
);
const days = z.number().int().min(1).max(365);
const text = z.string().trim().min(1);
/** Article and clause numbers may be written as numbers or text ("24", "2, 3"). */
const ref = z.union([z.string().trim().min(1), z.number().int().min(1).transform(String)]);

const basisSchema = z.strictObject({
  law: text,
  article: ref.optional(),
  clause: ref.optional(),
  point: ref.optional(),
});

const ruleSchema = z.strictObject({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'chỉ gồm chữ thường không dấu, số và -'),
  step: z.enum(DEADLINE_STEPS),
  kinds: z.array(z.enum(TICKET_KINDS)).min(1),
  round: z.enum(['first', 'second']).optional(),
  categories: z.array(text).min(1).optional(),
  label: text,
  days: z.union([days, z.literal('category')]),
  complexDays: days.optional(),
  remoteDays: days.optional(),
  remoteComplexDays: days.optional(),
  extendedDays: days.optional(),
  maxTimes: z.number().int().min(1).max(5).optional(),
  maxTimesEspeciallyComplex: z.number().int().min(1).max(5).optional(),
  counting: z.enum(['working', 'calendar']),
  basis: z.array(basisSchema).min(1),
  commitment: z.boolean().default(false),
  verify: z.boolean().default(false),
  note: text.optional(),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable().default(null),
});

const deadlinesSchema = z.strictObject({
  legalDayCounting: z.enum(['calendar', 'working']).default('calendar'),
  dueSoonWorkingDays: z.number().int().min(0).max(30).default(2),
  disputeWindowDays: z.number().int().min(1).max(365).default(30),
  rules: z.array(ruleSchema).min(1),
});

const holidaysSchema = z.strictObject({
  days: z.array(
    z
      .strictObject({
        date: isoDate,
        name: text,
        source: z.enum(['computed', 'official', 'staff']).default('staff'),
        type: z.enum(['day_off', 'working_day']).default('day_off'),
        announcement: text.optional(),
      })
      .refine((d) => d.source !== 'official' || d.announcement, {
        message: 'ngày official phải ghi announcement (văn bản công bố hoặc điều luật)',
        path: ['announcement'],
      }),
  ),
});

/** Keys of the file before rules became data: say where they went instead of "unknown key". */
const RETIRED_KEYS: Record<string, string> = {
  acknowledgeWorkingDays:
    'không còn dùng: thời hạn thông báo thụ lý nay là các quy tắc "step: acknowledge" trong rules (xem chú thích đầu tệp)',
};

/** Reads and checks settings/deadlines.yaml. */
export async function loadDeadlineSettings(dir: string): Promise<DeadlineSettings> {
  const source = await readSettingsText(dir, 'deadlines.yaml');
  const raw = source.data as Record<string, unknown>;
  const retired: SettingsProblem[] = Object.keys(RETIRED_KEYS)
    .filter((k) => raw && typeof raw === 'object' && k in raw)
    .map((k) => ({ path: [k], line: source.lineOf([k]), message: RETIRED_KEYS[k] as string }));
  if (retired.length > 0) throw settingsError(source.file, retired);
  const parsed = parseSettings(source, deadlinesSchema);
  const rules: DeadlineRule[] = parsed.rules.map((r) => ({
    ...r,
    round: r.round,
    categories: r.categories,
  }));
  const problems = checkRules(rules).map((p) => ({
    path: p.index >= 0 ? ['rules', p.index] : ['rules'],
    line: source.lineOf(p.index >= 0 ? ['rules', p.index] : ['rules']),
    message: p.message,
  }));
  if (problems.length > 0) throw settingsError(source.file, problems);
  return { ...parsed, rules };
}

/** Reads and checks settings/holidays.yaml. */
export async function loadHolidaySettings(dir: string): Promise<HolidayEntry[]> {
  const source = await readSettingsText(dir, 'holidays.yaml');
  const parsed = parseSettings(source, holidaysSchema);
  const problems: SettingsProblem[] = [];
  const seen = new Map<string, number>();
  parsed.days.forEach((d, i) => {
    const at = (field?: string) => ({
      path: field ? ['days', i, field] : ['days', i],
      line: source.lineOf(field ? ['days', i, field] : ['days', i]),
    });
    const earlier = seen.get(d.date);
    if (earlier !== undefined)
      problems.push({
        ...at('date'),
        message: `ngày ${d.date} bị lặp (đã có ở dòng ${source.lineOf(['days', earlier])})`,
      });
    seen.set(d.date, i);
    if (d.type === 'working_day' && !isWeekend(d.date))
      problems.push({
        ...at('type'),
        message: `${d.date} không phải thứ Bảy hoặc Chủ nhật nên không thể là ngày làm bù`,
      });
    if (d.type === 'day_off' && isWeekend(d.date))
      problems.push({
        ...at('date'),
        message: `${d.date} là thứ Bảy hoặc Chủ nhật, vốn đã nghỉ; nếu được nghỉ bù, ghi ngày nghỉ bù (ngày thường)`,
      });
  });
  if (problems.length > 0) throw settingsError(source.file, problems);
  return parsed.days;
}

/** Every category a rule names must exist in categories.yaml. */
export function checkRuleCategories(settings: DeadlineSettings, categories: readonly string[]): void {
  const known = new Set(categories);
  const problems = settings.rules.flatMap((r) =>
    (r.categories ?? [])
      .filter((c) => !known.has(c))
      .map((c) => `deadlines.yaml: quy tắc "${r.id}": lĩnh vực "${c}" không có trong categories.yaml`),
  );
  if (problems.length > 0)
    throw new AppError('CONFIG_INVALID', `Invalid deadline rules: ${problems.join('; ')}`, {
      userMessage: `Cấu hình thời hạn chưa hợp lệ:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    });
}

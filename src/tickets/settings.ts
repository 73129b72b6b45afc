// Staff-editable settings of the tickets desk (settings/*.yaml): categories, communes, units and routing, plus the
// holidays and deadline rules read by deadline-settings.ts. Validated once with zod; a mistake names the file and
// the field, in Vietnamese.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../shared/errors.js';
import type { DeadlineSettings } from './deadline-rules.js';
import { checkRuleCategories, loadDeadlineSettings, loadHolidaySettings } from './deadline-settings.js';
import { HolidayCalendar, type HolidayEntry } from './holidays.js';

const code = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'chỉ gồm chữ thường không dấu, số, - và _');

const categoriesSchema = z.object({
  categories: z
    .array(
      z.object({
        code,
        name: z.string().min(1),
        /** Working days to answer a petition in this category. */
        petitionAnswerWorkingDays: z.number().int().min(1).max(90),
      }),
    )
    .min(1),
});

const communesSchema = z.object({
  communes: z
    .array(
      z.object({
        code,
        name: z.string().min(1),
        district: z.string().optional(),
        /** vùng sâu, vùng xa đi lại khó khăn: longer complaint limits (Law on Complaints Art. 28, 37). */
        remote: z.boolean().default(false),
        latitude: z.number().optional(),
        longitude: z.number().optional(),
      }),
    )
    .min(1),
});

const routingSchema = z.object({
  units: z.array(z.object({ code, name: z.string().min(1) })).min(1),
  /** The unit that receives tickets no rule matches. */
  defaultUnit: code,
  rules: z
    .array(
      z.object({ category: z.union([code, z.literal('*')]), commune: z.union([code, z.literal('*')]), unit: code }),
    )
    .default([]),
});

export interface Category {
  code: string;
  name: string;
  petitionAnswerWorkingDays: number;
}
export interface Commune {
  code: string;
  name: string;
  district?: string | undefined;
  remote: boolean;
  latitude?: number | undefined;
  longitude?: number | undefined;
}
export interface RoutingSettings {
  units: Array<{ code: string; name: string }>;
  defaultUnit: string;
  rules: Array<{ category: string; commune: string; unit: string }>;
}

/** Everything the tickets core needs from settings/. */
export interface TicketSettings {
  categories: Category[];
  communes: Commune[];
  routing: RoutingSettings;
  holidays: HolidayEntry[];
  calendar: HolidayCalendar;
  /** Effective-dated deadline rules and the knobs around them (settings/deadlines.yaml, deadline-settings.ts). */
  deadlines: DeadlineSettings;
}

async function readYaml<T>(dir: string, file: string, schema: z.ZodType<T>): Promise<T> {
  const full = path.join(dir, file);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `Cannot read ${full}`, {
      cause: error,
      userMessage: `Không đọc được tệp cấu hình ${file} trong ${dir}.`,
    });
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new AppError('CONFIG_INVALID', `YAML error in ${full}: ${(error as Error).message}`, {
      cause: error,
      userMessage: `Tệp ${file} sai cú pháp YAML: ${(error as Error).message}`,
    });
  }
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new AppError('CONFIG_INVALID', `Invalid ${full}: ${problems.join('; ')}`, {
      userMessage: `Tệp ${file} chưa hợp lệ:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    });
  }
  return parsed.data;
}

/** Checks that settings refer to each other correctly (routing → known units, categories, communes). */
export function validateTicketSettings(s: Omit<TicketSettings, 'calendar'>): void {
  const problems: string[] = [];
  const units = new Set(s.routing.units.map((u) => u.code));
  const categories = new Set(s.categories.map((c) => c.code));
  const communes = new Set(s.communes.map((c) => c.code));
  const dup = (list: string[], what: string) => {
    const seen = new Set<string>();
    for (const x of list) {
      if (seen.has(x)) problems.push(`${what} "${x}" bị lặp`);
      seen.add(x);
    }
  };
  dup(
    s.categories.map((c) => c.code),
    'lĩnh vực',
  );
  dup(
    s.communes.map((c) => c.code),
    'xã/phường',
  );
  dup(
    s.routing.units.map((u) => u.code),
    'đơn vị',
  );
  if (!units.has(s.routing.defaultUnit))
    problems.push(`routing.yaml: defaultUnit "${s.routing.defaultUnit}" không có trong units`);
  for (const [i, r] of s.routing.rules.entries()) {
    if (!units.has(r.unit)) problems.push(`routing.yaml: rules.${i}: đơn vị "${r.unit}" không có trong units`);
    if (r.category !== '*' && !categories.has(r.category))
      problems.push(`routing.yaml: rules.${i}: lĩnh vực "${r.category}" không có trong categories.yaml`);
    if (r.commune !== '*' && !communes.has(r.commune))
      problems.push(`routing.yaml: rules.${i}: xã/phường "${r.commune}" không có trong communes.yaml`);
  }
  dup(
    s.holidays.map((h) => h.date),
    'ngày nghỉ',
  );
  if (problems.length > 0) {
    throw new AppError('CONFIG_INVALID', `Invalid ticket settings: ${problems.join('; ')}`, {
      userMessage: `Cấu hình tiếp nhận phản ánh chưa hợp lệ:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    });
  }
}

/** Reads settings/{categories,communes,routing,holidays,deadlines}.yaml. */
export async function loadTicketSettings(settingsDir: string): Promise<TicketSettings> {
  const categories = await readYaml(settingsDir, 'categories.yaml', categoriesSchema);
  const communes = await readYaml(settingsDir, 'communes.yaml', communesSchema);
  const routing = await readYaml(settingsDir, 'routing.yaml', routingSchema);
  const holidays = await loadHolidaySettings(settingsDir);
  const deadlines = await loadDeadlineSettings(settingsDir);
  const settings = {
    categories: categories.categories,
    communes: communes.communes,
    routing,
    holidays,
    deadlines,
  };
  validateTicketSettings(settings);
  checkRuleCategories(
    deadlines,
    settings.categories.map((c) => c.code),
  );
  return { ...settings, calendar: new HolidayCalendar(holidays) };
}

/** category × commune → unit code: the most specific rule wins (exact both, then category, then commune). */
export function routeTicket(routing: RoutingSettings, category: string, commune: string | null): string {
  const c = commune ?? '*';
  const candidates: Array<[string, string]> = [
    [category, c],
    [category, '*'],
    ['*', c],
    ['*', '*'],
  ];
  for (const [cat, com] of candidates) {
    const rule = routing.rules.find((r) => r.category === cat && r.commune === com);
    if (rule) return rule.unit;
  }
  return routing.defaultUnit;
}

// Staff-editable settings of the tickets desk (settings/*.yaml): categories, plus the holidays and deadline rules read
// by deadline-settings.ts. Validated once with zod; a mistake names the file and the field, in Vietnamese.
// The administrative map and the departments (communes.yaml, routing.yaml, boundaries.geojson) are read and checked
// in places/place-settings.ts, where every mistake also names its line.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../shared/errors.js';
import { type CannedReply, loadCannedReplies } from './canned-replies.js';
import type { DeadlineSettings } from './deadline-rules.js';
import { checkRuleCategories, loadDeadlineSettings, loadHolidaySettings } from './deadline-settings.js';
import { HolidayCalendar, type HolidayEntry } from './holidays.js';
import { buildPlaceIndex, type PlaceIndex } from './places/place-index.js';
import { type Commune, loadPlaceSettings, type Province, type RoutingSettings } from './places/place-settings.js';

export type {
  Commune,
  OldUnit,
  Province,
  RetiredUnit,
  RoutingRule,
  RoutingSettings,
  Unit,
} from './places/place-settings.js';

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

export interface Category {
  code: string;
  name: string;
  petitionAnswerWorkingDays: number;
}
/** Everything the tickets core needs from settings/. */
export interface TicketSettings {
  categories: Category[];
  /** The province the desk serves (the current map). */
  province: Province;
  /** Its xã/phường today, each with the old units it was formed from. */
  communes: Commune[];
  /** The map indexed for finding units by name, old name, code or location. */
  places: PlaceIndex;
  routing: RoutingSettings;
  holidays: HolidayEntry[];
  calendar: HolidayCalendar;
  /** Effective-dated deadline rules and the knobs around them (settings/deadlines.yaml, deadline-settings.ts). */
  deadlines: DeadlineSettings;
  /** Reply templates per category (settings/canned-replies.yaml, optional); absent in settings built by hand. */
  cannedReplies?: CannedReply[] | undefined;
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

/** Checks what the map's own checks do not cover: categories and holidays listed twice. */
export function validateTicketSettings(s: Pick<TicketSettings, 'categories' | 'holidays'>): void {
  const problems: string[] = [];
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
    s.holidays.map((h) => h.date),
    'ngày nghỉ',
  );
  if (problems.length > 0) {
    throw new AppError('CONFIG_INVALID', `Invalid ticket settings: ${problems.join('; ')}`, {
      userMessage: `Cấu hình tiếp nhận phản ánh chưa hợp lệ:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    });
  }
}

/**
 * Reads settings/{categories,communes,routing,holidays,deadlines}.yaml and the optional boundaries.geojson and
 * canned-replies.yaml.
 */
export async function loadTicketSettings(settingsDir: string): Promise<TicketSettings> {
  const categories = await readYaml(settingsDir, 'categories.yaml', categoriesSchema);
  const places = await loadPlaceSettings(
    settingsDir,
    categories.categories.map((c) => c.code),
  );
  const holidays = await loadHolidaySettings(settingsDir);
  const deadlines = await loadDeadlineSettings(settingsDir);
  const cannedReplies = await loadCannedReplies(
    settingsDir,
    categories.categories.map((c) => c.code),
  );
  const settings = {
    categories: categories.categories,
    province: places.province,
    communes: places.communes,
    places: buildPlaceIndex(places),
    routing: places.routing,
    holidays,
    deadlines,
    cannedReplies,
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

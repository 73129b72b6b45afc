// What "an unclean string" means for the fuzz properties, and a scan of every text column of the database for one.
import type { Database } from '../../../src/db/index.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `s` is not clean (NUL, another control character, a lone surrogate, not NFC), or undefined when it is. */
export function uncleanReason(s: string): string | undefined {
  const control = CONTROL.exec(s);
  if (control) return `control character U+${(control[0].codePointAt(0) as number).toString(16).padStart(4, '0')}`;
  if (LONE_SURROGATE.test(s)) return 'lone surrogate';
  return undefined;
}

export interface UncleanValue {
  path: string;
  reason: string;
  value: string;
}

/** Every unclean string in a value (object keys too), with where it is. Dates, numbers and booleans are fine. */
export function findUnclean(value: unknown, path = '$', found: UncleanValue[] = []): UncleanValue[] {
  if (typeof value === 'string') {
    const reason = uncleanReason(value);
    if (reason) found.push({ path, reason, value: JSON.stringify(value).slice(0, 120) });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      findUnclean(item, `${path}[${i}]`, found);
    });
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      findUnclean(key, `${path}.<key>`, found);
      findUnclean(item, `${path}.${key}`, found);
    }
  }
  return found;
}

const TEXT_TYPES = new Set(['text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY']);

/** Every unclean string stored in any text, JSON or array column of any table of the schema in use. */
export async function scanDatabase(db: Database): Promise<UncleanValue[]> {
  const columns = await db.prisma.$queryRawUnsafe<
    Array<{ table_name: string; column_name: string; data_type: string }>
  >(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const found: UncleanValue[] = [];
  for (const c of columns) {
    if (!TEXT_TYPES.has(c.data_type)) continue;
    const rows = await db.prisma.$queryRawUnsafe<Array<{ v: unknown }>>(
      `SELECT "${c.column_name}" AS v FROM "${c.table_name}" WHERE "${c.column_name}" IS NOT NULL`,
    );
    for (const row of rows) findUnclean(row.v, `${c.table_name}.${c.column_name}`, found);
  }
  return found;
}

// Applies prisma/migrations/*/migration.sql in name order, each once, each inside its own transaction.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../shared/errors.js';

/** The smallest SQL surface the runner needs; PGlite and node-postgres both provide it. */
export interface SqlExecutor {
  /** Runs one or more statements; returns rows of the last one. */
  exec(sql: string): Promise<Array<Record<string, unknown>>>;
  /** Serialises concurrent migrators (advisory lock on PostgreSQL, no-op in-process). */
  withLock<T>(fn: () => Promise<T>): Promise<T>;
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../prisma/migrations');

const TABLE = '"_tiepdan_migrations"';

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
    files.push({ name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return files;
}

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Brings the database up to date. A migration whose file changed after it was applied is refused:
 * schema history must only grow.
 */
export async function applyMigrations(db: SqlExecutor, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = await readMigrations(dir);
  return db.withLock(async () => {
    await db.exec(
      `CREATE TABLE IF NOT EXISTS ${TABLE} (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    const rows = await db.exec(`SELECT name, checksum FROM ${TABLE}`);
    const done = new Map(rows.map((r) => [String(r.name), String(r.checksum)]));
    const result: MigrationResult = { applied: [], alreadyApplied: [] };
    for (const file of files) {
      const previous = done.get(file.name);
      if (previous !== undefined) {
        if (previous !== file.checksum) {
          throw new AppError('CONFIG_INVALID', `Migration ${file.name} was edited after it was applied`, {
            userMessage: `Tệp migration ${file.name} đã bị sửa sau khi áp dụng. Hãy tạo migration mới thay vì sửa tệp cũ.`,
          });
        }
        result.alreadyApplied.push(file.name);
        continue;
      }
      try {
        await db.exec(
          `BEGIN;\n${file.sql}\n;INSERT INTO ${TABLE} (name, checksum) VALUES (${quote(file.name)}, ${quote(file.checksum)});\nCOMMIT;`,
        );
      } catch (error) {
        await db.exec('ROLLBACK').catch(() => undefined);
        throw new AppError('INTERNAL', `Migration ${file.name} failed: ${(error as Error).message}`, {
          cause: error,
          userMessage: `Áp dụng migration ${file.name} thất bại; cơ sở dữ liệu giữ nguyên như trước.`,
        });
      }
      result.applied.push(file.name);
    }
    return result;
  });
}

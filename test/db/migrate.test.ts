// The migration runner: each file once, in a transaction, refusing edited history; and `tiepdan db migrate`.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations, type Database, openDatabase, readMigrations } from '../../src/db/index.js';
import { isAppError } from '../../src/shared/errors.js';
import { createPostgresTestDatabase, postgresAvailable } from '../support/database.js';
import { REPO_ROOT } from '../support/shared-data.js';

const run = promisify(execFile);
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('tiepdan-migrations-');
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

async function memoryDb(): Promise<Database> {
  const db = await openDatabase({ dataDir: 'memory://', migrate: false });
  cleanups.push(() => db.close());
  return db;
}

describe('applyMigrations', () => {
  it('applies every migration once, in name order', async () => {
    const db = await memoryDb();
    const dir = await migrationsDir({
      '002_b': 'INSERT INTO t (v) VALUES (2);',
      '001_a': 'CREATE TABLE t (v INT);',
    });
    expect(await applyMigrations(db.sql, dir)).toEqual({ applied: ['001_a', '002_b'], alreadyApplied: [] });
    expect(await applyMigrations(db.sql, dir)).toEqual({ applied: [], alreadyApplied: ['001_a', '002_b'] });
    expect(await db.sql.exec('SELECT v FROM t')).toEqual([{ v: 2 }]);
  });

  it('rolls back a failing migration completely and keeps the earlier ones', async () => {
    const db = await memoryDb();
    const dir = await migrationsDir({
      '001_a': 'CREATE TABLE t (v INT);',
      '002_bad': 'INSERT INTO t (v) VALUES (1); CREATE TABLE u (x INT); SELECT * FROM no_such_table;',
    });
    const error = await applyMigrations(db.sql, dir).catch((e: unknown) => e);
    expect(isAppError(error)).toBe(true);
    expect((error as Error).message).toContain('002_bad');
    expect(await db.sql.exec('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 0 }]);
    expect(await db.sql.exec(`SELECT to_regclass('u') AS u`)).toEqual([{ u: null }]);
    expect(await db.sql.exec('SELECT name FROM "_tiepdan_migrations"')).toEqual([{ name: '001_a' }]);
  });

  it('refuses a migration edited after it was applied', async () => {
    const db = await memoryDb();
    const dir = await migrationsDir({ '001_a': 'CREATE TABLE t (v INT);' });
    await applyMigrations(db.sql, dir);
    await writeFile(path.join(dir, '001_a', 'migration.sql'), 'CREATE TABLE t (v TEXT);');
    await expect(applyMigrations(db.sql, dir)).rejects.toThrow(/001_a/);
  });

  it('ships the project migrations in a readable order', async () => {
    const files = await readMigrations();
    expect(files.length).toBeGreaterThan(0);
    expect(files.map((f) => f.name)).toEqual([...files.map((f) => f.name)].sort());
  });
});

describe('embedded database on disk', () => {
  it('keeps data across reopen and applies nothing twice', async () => {
    const dataDir = await tempDir('tiepdan-data-');
    const first: string[] = [];
    const db1 = await openDatabase({ dataDir, onMigrated: (r) => first.push(...r.applied) });
    await db1.prisma.unit.create({ data: { code: 'ubnd-xa', name: 'UBND xã' } });
    await db1.close();
    const second: string[] = [];
    const db2 = await openDatabase({ dataDir, onMigrated: (r) => second.push(...r.applied) });
    cleanups.push(() => db2.close());
    expect(first.length).toBe((await readMigrations()).length);
    expect(second).toEqual([]);
    expect(await db2.prisma.unit.findUnique({ where: { code: 'ubnd-xa' } })).toMatchObject({ name: 'UBND xã' });
  });
});

describe('tiepdan db migrate', () => {
  it('migrates the configured data folder and reports it in Vietnamese', async () => {
    const dataDir = await tempDir('tiepdan-cli-');
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
    const cli = ['tsx', path.join(REPO_ROOT, 'src/cli/main.ts'), 'db', 'migrate'];
    const first = await run('npx', cli, { env, cwd: REPO_ROOT });
    expect(first.stdout).toMatch(/Đã áp dụng: \d+_init/);
    const second = await run('npx', cli, { env, cwd: REPO_ROOT });
    expect(second.stdout).toMatch(/Cơ sở dữ liệu đã cập nhật/);
  });

  it('names every bad setting and exits non-zero', async () => {
    const env = { ...process.env, PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' };
    const error = (await run('npx', ['tsx', path.join(REPO_ROOT, 'src/cli/main.ts'), 'db', 'migrate'], {
      env,
      cwd: REPO_ROOT,
    }).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(error.code).not.toBe(0);
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL']) expect(error.stderr).toContain(name);
  });
});

const pgStatus = await postgresAvailable();
if ('reason' in pgStatus) console.warn(`PostgreSQL migration tests skipped: ${pgStatus.reason}`);

describe.runIf('url' in pgStatus)('PostgreSQL', () => {
  it('lets two processes migrate at once without applying anything twice', async () => {
    const handle = await createPostgresTestDatabase((pgStatus as { url: string }).url);
    cleanups.push(() => handle.drop());
    const url = new URL((pgStatus as { url: string }).url);
    const dbName = (await handle.db.sql.exec('SELECT current_database() AS d'))[0]?.d as string;
    url.pathname = `/${dbName}`;
    const dir = await migrationsDir({ '001_a': 'CREATE TABLE t (v INT); INSERT INTO t VALUES (1);' });
    const [a, b] = await Promise.all([
      openDatabase({ databaseUrl: url.toString(), migrate: false }),
      openDatabase({ databaseUrl: url.toString(), migrate: false }),
    ]);
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    const results = await Promise.all([applyMigrations(a.sql, dir), applyMigrations(b.sql, dir)]);
    expect(results.flatMap((r) => r.applied)).toEqual(['001_a']);
    expect(await a.sql.exec('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 1 }]);
  });
});

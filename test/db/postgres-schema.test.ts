// DATABASE_URL=postgres://…?schema=tiepdan puts every table in that schema (it used to be ignored: all in public).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { openDatabase } from '../../src/db/index.js';
import { PrismaRateLimiter } from '../../src/db/stores/ticket-store.js';
import { isAppError } from '../../src/shared/errors.js';
import { postgresAvailable } from '../support/database.js';

const available = await postgresAvailable();
if ('reason' in available) process.stdout.write(`PostgreSQL schema tests skipped: ${available.reason}\n`);

describe.skipIf('reason' in available)('DATABASE_URL with ?schema=', () => {
  const base = 'url' in available ? available.url : '';
  const name = `tiepdan_schema_${randomBytes(3).toString('hex')}`;
  let dbUrl = '';
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    dbUrl = url.toString();
  });
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  const tablesIn = async (schema: string): Promise<string[]> => {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    const r = await c.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]);
    await c.end();
    return r.rows.map((row: { table_name: string }) => row.table_name).sort();
  };

  it('creates the schema, migrates into it and uses it for Prisma and raw queries alike', async () => {
    const url = `${dbUrl}?schema=tiepdan_a`;
    const db = await openDatabase({ databaseUrl: url });
    try {
      await db.prisma.unit.create({ data: { code: 'u1', name: 'Đơn vị thử' } });
      // a raw query (SELECT … FOR UPDATE on "RateLimit") finds its table through the search path
      expect(await new PrismaRateLimiter(db.prisma).hit('k', new Date(), 60_000)).toBe(1);
    } finally {
      await db.close();
    }
    const inSchema = await tablesIn('tiepdan_a');
    expect(inSchema).toEqual(expect.arrayContaining(['Ticket', 'Unit', 'RateLimit', '_tiepdan_migrations']));
    expect(await tablesIn('public')).toEqual([]);
    // a second schema in the same database is another, empty tiepdan
    const other = await openDatabase({ databaseUrl: `${dbUrl}?schema=tiepdan_b` });
    try {
      expect(await other.prisma.unit.count()).toBe(0);
    } finally {
      await other.close();
    }
    const again = await openDatabase({ databaseUrl: url });
    try {
      expect(await again.prisma.unit.count()).toBe(1);
    } finally {
      await again.close();
    }
  });

  it('refuses a schema name that is not a plain identifier, in Vietnamese, at configuration', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: `${dbUrl}?schema=a;DROP` });
    } catch (e) {
      error = e;
    }
    expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as { userMessage: string }).userMessage).toContain('DATABASE_URL: tên schema');
  });
});

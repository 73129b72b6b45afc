// Test databases: a fresh in-memory PGlite from the migrated snapshot, or a throw-away PostgreSQL database.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/index.js';
import { snapshotPath } from './global-setup.js';

let snapshot: Promise<Blob> | undefined;

/** A new, migrated, empty embedded database. */
export async function createTestDatabase(): Promise<Database> {
  snapshot ??= snapshotPath().then(async (file) => new Blob([await readFile(file)]));
  return openDatabase({ dataDir: 'memory://', pgliteSnapshot: await snapshot });
}

/** The machine's PostgreSQL for tests (TEST_DATABASE_URL), or undefined with the reason. */
export async function postgresAvailable(): Promise<{ url: string } | { reason: string }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return { reason: 'TEST_DATABASE_URL is not set' };
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { url };
  } catch (error) {
    return { reason: `PostgreSQL at TEST_DATABASE_URL is not reachable: ${(error as Error).message}` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates a new database on the server behind `baseUrl`, migrated, and a function that drops it.
 */
export async function createPostgresTestDatabase(
  baseUrl: string,
): Promise<{ db: Database; drop: () => Promise<void> }> {
  const name = `tiepdan_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString() });
  return {
    db,
    async drop() {
      await db.close().catch(() => undefined);
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

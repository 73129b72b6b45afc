// Runs a bench's measurement on a fresh embedded database, then on a throw-away schema of the PostgreSQL named by
// BENCH_DATABASE_URL or TEST_DATABASE_URL (skipped, and said so, when neither is set).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Database, openDatabase } from '../../src/db/index.js';

export async function onEachDatabase(
  name: string,
  measure: (label: string, db: Database) => Promise<void>,
): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `tiepdan-bench-${name}-`));
  try {
    const embedded = await openDatabase({ dataDir });
    try {
      await measure('PGlite (embedded)', embedded);
    } finally {
      await embedded.close();
    }
    const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!url) {
      process.stdout.write(`${name} on PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL)\n`);
      return;
    }
    const schema = `bench_${name}_${process.pid}`;
    const db = await openDatabase({
      databaseUrl: `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`,
      dataDir: path.join(dataDir, 'pg'),
    });
    try {
      await measure('PostgreSQL', db);
    } finally {
      await db.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

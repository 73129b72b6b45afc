// Raw SQL for the stores that run a statement on every message: straight on the embedded database when there
// is one, else through Prisma.
import type { PGlite } from '@electric-sql/pglite';
import type { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../open-database.js';

/** Runs one statement and returns its rows. */
export type RawQuery = <T>(statement: Prisma.Sql) => Promise<T[]>;

/**
 * The same SQL with the same parameters either way; going to PGlite directly skips Prisma's per-statement
 * overhead (0.35–1.5 ms), and PGlite still runs it after any open transaction, as it would through Prisma.
 */
export function createRawQuery(prisma: PrismaClient, pglite: PGlite | undefined): RawQuery {
  if (pglite) return async <T>(statement: Prisma.Sql) => (await pglite.query<T>(statement.text, statement.values)).rows;
  return <T>(statement: Prisma.Sql) => prisma.$queryRaw<T[]>(statement);
}

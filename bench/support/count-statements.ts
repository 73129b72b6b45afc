// Counts the statements the embedded database runs: a per-message cost that, unlike timings, does not move with load.
import type { PGlite, Transaction } from '@electric-sql/pglite';

/**
 * Counts the statements the embedded database runs (Prisma's and the stores' raw ones; a transaction's statements
 * one by one). Independent of the machine's load, unlike the timings: what the per-message work costs the one
 * database thread.
 */
export function countStatements(pglite: PGlite | undefined): { count: number } {
  const counter = { count: 0 };
  if (!pglite) return counter;
  const query = pglite.query.bind(pglite);
  const exec = pglite.exec.bind(pglite);
  const transaction = pglite.transaction.bind(pglite);
  pglite.query = ((...args: Parameters<PGlite['query']>) => {
    counter.count++;
    return query(...args);
  }) as PGlite['query'];
  pglite.exec = ((...args: Parameters<PGlite['exec']>) => {
    counter.count++;
    return exec(...args);
  }) as PGlite['exec'];
  pglite.transaction = (<T>(callback: (tx: Transaction) => Promise<T>) =>
    transaction((tx) => {
      const txQuery = tx.query.bind(tx);
      tx.query = ((...args: Parameters<Transaction['query']>) => {
        counter.count++;
        return txQuery(...args);
      }) as Transaction['query'];
      return callback(tx);
    })) as PGlite['transaction'];
  return counter;
}

// The audit trail's hash chain: hash = sha256(prevHash + canonical JSON of the row), and its verification.
import { createHash } from 'node:crypto';
import type { AuditRow } from './types.js';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth and dates as ISO strings: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Turns a value into what JSONB gives back (dates → strings, undefined dropped), so hashes match after a read. */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value));
}

export function auditHash(prevHash: string, row: Omit<AuditRow, 'hash' | 'prevHash'>): string {
  const body = canonicalJson({
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    before: row.before ?? null,
    after: row.after ?? null,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

export type AuditProblem =
  | { kind: 'edited'; id: number }
  | { kind: 'missing'; afterId: number | null; beforeId: number }
  | { kind: 'relinked'; afterId: number | null; beforeId: number }
  | { kind: 'head_mismatch'; expected: string; actual: string };

/** Not proof of tampering: ids skipped while the chain holds (a rolled-back write, or the newest row deleted). */
export type AuditWarning = { kind: 'id_gap'; afterId: number; beforeId: number };

/** Incremental verifier: feed rows in id order. */
export class AuditChainVerifier {
  private prevHash = GENESIS_HASH;
  private prevId: number | null = null;
  readonly problems: AuditProblem[] = [];
  readonly warnings: AuditWarning[] = [];
  count = 0;

  push(row: AuditRow): void {
    this.count++;
    if (row.prevHash !== this.prevHash) {
      // ids never repeat; a jump with a broken link means rows were removed, otherwise a row was rewritten
      const jumped = this.prevId === null ? row.id !== 1 : row.id !== this.prevId + 1;
      this.problems.push({ kind: jumped ? 'missing' : 'relinked', afterId: this.prevId, beforeId: row.id });
    } else if (this.prevId !== null && row.id !== this.prevId + 1) {
      this.warnings.push({ kind: 'id_gap', afterId: this.prevId, beforeId: row.id });
    }
    if (auditHash(row.prevHash, row) !== row.hash) this.problems.push({ kind: 'edited', id: row.id });
    this.prevHash = row.hash;
    this.prevId = row.id;
  }

  get headHash(): string {
    return this.prevHash;
  }
  get headId(): number | null {
    return this.prevId;
  }
}

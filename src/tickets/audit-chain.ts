// The audit trail's hash chain: hash = sha256(prevHash + canonical JSON of the row), and its verification.
import { createHash } from 'node:crypto';
import type { AuditSealer } from './ports.js';
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
  | { kind: 'head_mismatch'; expected: string; actual: string }
  /** Seals that do not match their rows, from the first changed row on (later ones were re-hashed to hide it). */
  | { kind: 'seal_mismatch'; fromId: number; toId: number }
  /** A row without a seal after sealed ones: its seal was removed. */
  | { kind: 'unsealed'; id: number }
  /** A recorded anchor (id and hash of the head at some time) no longer matches that row, or the row is gone. */
  | { kind: 'anchor_changed'; id: number; at: string }
  | { kind: 'anchor_missing'; id: number; at: string };

/** Not proof of tampering: ids skipped while the chain holds (a rolled-back write, or the newest row deleted). */
export type AuditWarning =
  | { kind: 'id_gap'; afterId: number; beforeId: number }
  /** Rows written before the audit key was configured: the chain protects them, no seal does. */
  | { kind: 'unsealed_before_key'; count: number; lastId: number }
  /** Sealed rows could not be checked: the key is not available to this command. */
  | { kind: 'seals_unchecked'; count: number };

/** The head of the chain as recorded outside the database by `tiepdan audit anchor`. */
export interface AuditAnchor {
  id: number;
  hash: string;
  /** The row's seal when it had one: stripping every seal would otherwise look like a trail older than its key. */
  mac?: string | null | undefined;
  at: string;
}

/** Incremental verifier: feed rows in id order. */
export class AuditChainVerifier {
  private prevHash = GENESIS_HASH;
  private prevId: number | null = null;
  private sealedSeen = false;
  private unsealedBefore = 0;
  private lastUnsealedId = 0;
  private uncheckedSeals = 0;
  /** The seal mismatch run in progress (consecutive rows), extended while it lasts. */
  private mismatch: { kind: 'seal_mismatch'; fromId: number; toId: number } | undefined;
  readonly problems: AuditProblem[] = [];
  readonly warnings: AuditWarning[] = [];
  count = 0;

  constructor(private readonly sealer?: AuditSealer | undefined) {}

  push(row: AuditRow): void {
    this.checkSeal(row);
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

  private checkSeal(row: AuditRow): void {
    if (!row.mac) {
      this.mismatch = undefined;
      if (this.sealedSeen) this.problems.push({ kind: 'unsealed', id: row.id });
      else {
        this.unsealedBefore++;
        this.lastUnsealedId = row.id;
      }
      return;
    }
    this.sealedSeen = true;
    if (!this.sealer) {
      this.uncheckedSeals++;
      return;
    }
    if (this.sealer.verify(row.hash, row.mac)) {
      this.mismatch = undefined;
      return;
    }
    if (this.mismatch && this.mismatch.toId === this.prevId) {
      this.mismatch.toId = row.id;
      return;
    }
    this.mismatch = { kind: 'seal_mismatch', fromId: row.id, toId: row.id };
    this.problems.push(this.mismatch);
  }

  /** Warnings only known once every row was seen. */
  finish(): void {
    if (this.sealedSeen && this.unsealedBefore > 0)
      this.warnings.push({ kind: 'unsealed_before_key', count: this.unsealedBefore, lastId: this.lastUnsealedId });
    if (this.uncheckedSeals > 0) this.warnings.push({ kind: 'seals_unchecked', count: this.uncheckedSeals });
  }

  get headHash(): string {
    return this.prevHash;
  }
  get headId(): number | null {
    return this.prevId;
  }
}

// Someone with write access to the database edits an audit row and re-hashes the chain after it: the hash chain
// alone then verifies. The seal (an HMAC under a key kept outside the database) and anchors kept elsewhere catch it,
// and say which row was changed.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditSealerOf, createAuditSealer, registerAuditSealer } from '../../src/db/audit-seal.js';
import type { Database } from '../../src/db/index.js';
import { openDatabase } from '../../src/db/index.js';
import {
  auditHash,
  createTicket,
  describeAuditProblem,
  GENESIS_HASH,
  verifyAuditLog,
} from '../../src/tickets/index.js';
import { createDataDir, tiepdan } from '../cli/run-cli.js';
import { CONSENT, createTicketTestEnv, PERSON, type TicketTestEnv } from './helpers.js';

/** What an attacker with SQL access does: rewrite row `id`'s details, then every hash from there on. */
async function editAndRehash(db: Database, id: number, after: unknown): Promise<void> {
  const rows = await db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } });
  let prev = GENESIS_HASH;
  const statements: string[] = ['ALTER TABLE "AuditLog" DISABLE TRIGGER USER;'];
  for (const row of rows) {
    const changed = row.id === id ? { ...row, after } : row;
    const hash =
      row.id >= id
        ? auditHash(prev, { ...changed, before: changed.before ?? null, after: changed.after ?? null })
        : row.hash;
    if (row.id >= id) {
      const json = JSON.stringify(changed.after).replace(/'/g, "''");
      statements.push(
        `UPDATE "AuditLog" SET after = '${json}'::jsonb, "prevHash" = '${prev}', hash = '${hash}' WHERE id = ${row.id};`,
      );
    }
    prev = hash;
  }
  statements.push('ALTER TABLE "AuditLog" ENABLE TRIGGER USER;');
  await db.sql.exec(statements.join('\n'));
}

describe('audit seal and anchors', () => {
  let env: TicketTestEnv;
  const sealer = createAuditSealer(Buffer.from('k'.repeat(40)));
  beforeEach(async () => {
    env = await createTicketTestEnv();
    registerAuditSealer(env.db.prisma, sealer);
  });
  afterEach(async () => {
    await env.close();
  });

  const file = (i: number) =>
    createTicket(env.deps, {
      kind: 'petition',
      category: 'giao-thong',
      commune: 'duc-xuan',
      description: `Đường hỏng số ${i}`,
      resident: { channel: 'telegram', channelUserId: String(i) },
      personal: PERSON,
      consent: CONSENT,
    });

  it('names the edited row when the chain was re-hashed after it', async () => {
    for (let i = 0; i < 4; i++) await file(i);
    const clean = await verifyAuditLog({ reader: env.audit, sealer });
    expect(clean.ok).toBe(true);
    const rows = await env.audit.readAudit(0, 100);
    expect(rows.every((r) => typeof r.mac === 'string' && r.mac.length === 64)).toBe(true);
    const target = rows[1]?.id as number;
    const last = rows.at(-1)?.id as number;

    await editAndRehash(env.db, target, { status: 'answered', forged: true });

    // the chain alone is consistent again…
    const unkeyed = await verifyAuditLog({ reader: env.audit });
    expect(unkeyed.problems).toEqual([]);
    expect(unkeyed.warnings).toContainEqual({ kind: 'seals_unchecked', count: rows.length });
    // …the seals are not, and the first broken one is the edited row
    const keyed = await verifyAuditLog({ reader: env.audit, sealer });
    expect(keyed.ok).toBe(false);
    expect(keyed.problems).toEqual([{ kind: 'seal_mismatch', fromId: target, toId: last }]);
    expect(describeAuditProblem(keyed.problems[0] as never)).toContain(`Bản ghi #${target} đã bị sửa`);
  });

  it('reports a seal removed after sealed rows, and counts rows written before any key without alarm', async () => {
    // a database whose first rows were written before any key was configured
    const plain = await createTicketTestEnv();
    try {
      await createTicket(plain.deps, {
        kind: 'petition',
        category: 'giao-thong',
        commune: 'duc-xuan',
        description: 'trước khi có khóa',
        resident: { channel: 'telegram', channelUserId: 'x' },
        personal: PERSON,
        consent: CONSENT,
      });
      const before = await plain.audit.readAudit(0, 100);
      expect(before.every((r) => r.mac === null)).toBe(true);
      registerAuditSealer(plain.db.prisma, sealer);
      for (const user of ['y', 'z'])
        await createTicket(plain.deps, {
          kind: 'petition',
          category: 'giao-thong',
          commune: 'duc-xuan',
          description: 'sau khi có khóa',
          resident: { channel: 'telegram', channelUserId: user },
          personal: PERSON,
          consent: CONSENT,
        });
      const mixed = await verifyAuditLog({ reader: plain.audit, sealer });
      expect(mixed.ok).toBe(true);
      expect(mixed.warnings).toContainEqual({
        kind: 'unsealed_before_key',
        count: before.length,
        lastId: before.at(-1)?.id as number,
      });
      // stripping the seal of a later row is tampering
      const sealedId = (await plain.audit.readAudit(0, 100)).at(-1)?.id as number;
      await plain.db.sql.exec(`ALTER TABLE "AuditLog" DISABLE TRIGGER USER;
        UPDATE "AuditLog" SET mac = NULL WHERE id = ${sealedId};
        ALTER TABLE "AuditLog" ENABLE TRIGGER USER;`);
      const stripped = await verifyAuditLog({ reader: plain.audit, sealer });
      expect(stripped.problems).toEqual([{ kind: 'unsealed', id: sealedId }]);
    } finally {
      await plain.close();
    }
  });

  it('catches a re-hashed chain or deleted rows against anchors kept elsewhere, even without the key', async () => {
    for (let i = 0; i < 3; i++) await file(i);
    const first = await verifyAuditLog({ reader: env.audit });
    const anchor = { id: first.headId as number, hash: first.headHash, at: '2026-03-02T09:00:00+07:00' };
    await file(9);
    expect((await verifyAuditLog({ reader: env.audit, anchors: [anchor] })).ok).toBe(true);

    await editAndRehash(env.db, 2, { status: 'closed' });
    const rewritten = await verifyAuditLog({ reader: env.audit, anchors: [anchor] });
    expect(rewritten.problems).toEqual([{ kind: 'anchor_changed', id: anchor.id, at: anchor.at }]);
    expect(describeAuditProblem(rewritten.problems[0] as never)).toContain(`từ #1 đến #${anchor.id}`);

    await env.db.sql.exec(`ALTER TABLE "AuditLog" DISABLE TRIGGER USER;
      DELETE FROM "AuditLog" WHERE id >= ${anchor.id};
      ALTER TABLE "AuditLog" ENABLE TRIGGER USER;`);
    const deleted = await verifyAuditLog({ reader: env.audit, anchors: [anchor] });
    expect(deleted.problems).toContainEqual({ kind: 'anchor_missing', id: anchor.id, at: anchor.at });
  });
});

describe('audit anchor and verify through the CLI, with the key the embedded database keeps', () => {
  it('writes an anchor outside the database, then names the edited row after a re-hash', async () => {
    const dataDir = await createDataDir('tiepdan-audit-cli-');
    const anchorFile = `${dataDir}-anchors.jsonl`;
    // the first open creates DATA_DIR/audit.key (600) and seals every row from then on
    const db = await openDatabase({ dataDir });
    expect(db.auditKeySource).toBe('generated');
    expect((await stat(path.join(dataDir, 'audit.key'))).mode & 0o777).toBe(0o600);
    const env = await createTicketTestEnv('2026-03-02T02:00:00.000Z', db);
    for (let i = 0; i < 3; i++)
      await createTicket(env.deps, {
        kind: 'petition',
        category: 'giao-thong',
        commune: 'duc-xuan',
        description: `Cống vỡ ${i}`,
        resident: { channel: 'telegram', channelUserId: `c${i}` },
        personal: PERSON,
        consent: CONSENT,
      });
    expect(auditSealerOf(db.prisma)).toBeDefined();
    const target = (await env.audit.readAudit(0, 100))[2]?.id as number;
    await db.close();

    const anchored = await tiepdan(dataDir, 'audit', 'anchor', '--file', anchorFile);
    expect(anchored.code).toBe(0);
    expect(anchored.stdout.trim().split('\n').at(-1)).toMatch(
      /^\{"id":\d+,"hash":"[0-9a-f]{64}","mac":"[0-9a-f]{64}","at":"/,
    );
    expect((await tiepdan(dataDir, 'audit', 'verify', '--anchor', anchorFile)).code).toBe(0);

    const again = await openDatabase({ dataDir });
    expect(again.auditKeySource).toBe('file');
    await editAndRehash(again, target, { status: 'answered' });
    await again.close();

    const verified = await tiepdan(dataDir, 'audit', 'verify', '--anchor', anchorFile);
    expect(verified.code).toBe(3);
    expect(verified.stdout).toContain(`Bản ghi #${target} đã bị sửa`);
    expect(verified.stdout).toContain('không còn như lúc neo');
  }, 180_000); // three CLI processes on a busy machine
});

// Tickets filed before the current map: a database built by the earlier migrations, holding tickets under the old
// communes and departments of tiepdan's earlier default settings, is migrated and started with today's settings.
// They keep their original place for the record and move to today's units for routing, remote flags and reports.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, type Database, MIGRATIONS_DIR, openDatabase, readMigrations } from '../../src/db/index.js';
import { PrismaAuditLogReader } from '../../src/db/stores/audit-store.js';
import { PrismaTicketStore } from '../../src/db/stores/ticket-store.js';
import { syncTicketSettings, verifyAuditLog } from '../../src/tickets/index.js';
import { FakeClock, repoSettings } from '../tickets/helpers.js';

const MAP_MIGRATION = '20261203020000_current_map';

let db: Database;
let earlier: string;
beforeAll(async () => {
  // the migrations as they were before this one
  earlier = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-earlier-migrations-'));
  for (const m of await readMigrations()) {
    if (m.name >= MAP_MIGRATION) continue;
    await cp(path.join(MIGRATIONS_DIR, m.name), path.join(earlier, m.name), { recursive: true });
  }
  db = await openDatabase({ dataDir: 'memory://', migrate: false });
  await applyMigrations(db.sql, earlier);
  // what the earlier version wrote: its units and tickets under its commune slugs
  await db.sql.exec(`
    INSERT INTO "Unit" (code, name) VALUES ('vp-ubnd', 'Văn phòng UBND tỉnh (bộ phận tiếp dân)'),
      ('so-tnmt', 'Sở Tài nguyên và Môi trường'), ('so-gtvt', 'Sở Giao thông vận tải'), ('so-xd', 'Sở Xây dựng'),
      ('ubnd-tp-bac-kan', 'UBND thành phố Bắc Kạn');
    INSERT INTO "Ticket" (code, kind, category, commune, description, status, "isRemoteArea", channel, "unitId",
                          "receivedAt", "acknowledgeBy", "dueAt") VALUES
      ('PA-2606-AAAAAA', 'petition', 'giao-thong', 'duc-xuan', 'Đường hỏng', 'received', false, 'telegram',
        (SELECT id FROM "Unit" WHERE code = 'so-gtvt'), '2026-06-01', '2026-06-15', '2026-06-08'),
      ('KN-2606-BBBBBB', 'complaint', 'dat-dai', 'nam-mau', 'Thu hồi đất', 'accepted', true, 'telegram',
        (SELECT id FROM "Unit" WHERE code = 'so-tnmt'), '2026-06-02', '2026-06-16', '2026-08-01'),
      ('KN-2606-CCCCCC', 'complaint', 'dat-dai', 'nam-mau', 'Bồi thường', 'received', true, 'telegram',
        (SELECT id FROM "Unit" WHERE code = 'so-tnmt'), '2026-06-03', '2026-06-17', NULL),
      ('PA-2606-DDDDDD', 'petition', 'xay-dung', 'song-cau', 'Xây lấn', 'in_progress', false, 'web',
        (SELECT id FROM "Unit" WHERE code = 'ubnd-tp-bac-kan'), '2026-06-04', '2026-06-18', '2026-06-18'),
      ('PA-2605-EEEEEE', 'petition', 'moi-truong', 'nong-thuong', 'Rác', 'closed', false, 'telegram',
        (SELECT id FROM "Unit" WHERE code = 'so-tnmt'), '2026-05-04', '2026-05-18', '2026-05-14'),
      ('PA-2605-FFFFFF', 'petition', 'khac', NULL, 'Không nêu nơi', 'received', false, 'telegram',
        (SELECT id FROM "Unit" WHERE code = 'vp-ubnd'), '2026-05-05', '2026-05-19', '2026-05-19'),
      ('PA-2605-GGGGGG', 'petition', 'khac', 'xa-la', 'Mã lạ', 'received', false, 'telegram',
        (SELECT id FROM "Unit" WHERE code = 'vp-ubnd'), '2026-05-06', '2026-05-20', '2026-05-20');
  `);
});
afterAll(async () => {
  await db?.close();
  if (earlier) await rm(earlier, { recursive: true, force: true });
});

async function ticket(code: string) {
  return db.prisma.ticket.findUniqueOrThrow({ where: { code }, include: { unit: true } });
}

describe(`migration ${MAP_MIGRATION} and the start-up that follows`, () => {
  it('adds the columns and leaves every ticket as it was', async () => {
    // this migration and any later one
    expect((await applyMigrations(db.sql)).applied[0]).toBe(MAP_MIGRATION);
    expect(await ticket('PA-2606-AAAAAA')).toMatchObject({ commune: 'duc-xuan', oldCommune: null, filedPlace: null });
  });

  it('moves the tickets onto today’s map at start-up, audited, keeping the place they were filed under', async () => {
    const clock = new FakeClock(new Date('2026-11-27T01:00:00.000Z'));
    const store = new PrismaTicketStore(db.prisma);
    const result = await syncTicketSettings({ store, settings: await repoSettings(), clock });
    expect(result).toEqual({ remapped: 5, split: 0, unknownCodes: ['xa-la'], reassigned: 4 });

    expect(await ticket('PA-2606-AAAAAA')).toMatchObject({
      commune: '01840',
      oldCommune: '01840',
      filedPlace: 'Phường Đức Xuân, Thành phố Bắc Kạn (cũ)',
      unit: { code: 'so-xd' }, // Sở Giao thông vận tải → Sở Xây dựng
    });
    // an accepted complaint keeps the remote flag its legal period started with; one not yet accepted follows today's
    expect(await ticket('KN-2606-BBBBBB')).toMatchObject({
      commune: '01906',
      oldCommune: '01909',
      filedPlace: 'Xã Nam Mẫu, Huyện Ba Bể (cũ)',
      isRemoteArea: true,
      unit: { code: 'so-nnmt' },
    });
    expect(await ticket('KN-2606-CCCCCC')).toMatchObject({ commune: '01906', isRemoteArea: false });
    // the abolished city's UBND: routed again by today's rules
    expect(await ticket('PA-2606-DDDDDD')).toMatchObject({
      commune: '01843',
      oldCommune: '01837',
      unit: { code: 'so-xd' },
    });
    // a closed ticket keeps the department that handled it; its place follows the map
    expect(await ticket('PA-2605-EEEEEE')).toMatchObject({
      commune: '01843',
      oldCommune: '01852',
      unit: { code: 'so-tnmt', name: 'Sở Tài nguyên và Môi trường (cũ)' },
    });
    expect(await ticket('PA-2605-FFFFFF')).toMatchObject({ commune: null, oldCommune: null, filedPlace: null });
    expect(await ticket('PA-2605-GGGGGG')).toMatchObject({ commune: 'xa-la', oldCommune: null });

    const audit = await db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(audit.filter((a) => a.action === 'ticket.place-remapped')).toHaveLength(5);
    expect(audit.filter((a) => a.action === 'ticket.unit-retired')).toHaveLength(4);
    const moved = audit.find((a) => a.action === 'ticket.place-remapped' && a.entityId === 'PA-2605-EEEEEE');
    expect(moved).toMatchObject({
      actor: 'system:ban-do-hanh-chinh',
      before: { commune: 'nong-thuong', oldCommune: null, filedPlace: null },
      after: { commune: '01843', oldCommune: '01852', filedPlace: 'Xã Nông Thượng, Thành phố Bắc Kạn (cũ)' },
    });
    expect((await verifyAuditLog({ reader: new PrismaAuditLogReader(db.prisma) })).ok).toBe(true);

    // the next start-up finds nothing to do
    const again = await syncTicketSettings({ store, settings: await repoSettings(), clock });
    expect(again).toEqual({ remapped: 0, split: 0, unknownCodes: ['xa-la'], reassigned: 0 });
    expect(await db.prisma.auditLog.count()).toBe(audit.length);
  });
});

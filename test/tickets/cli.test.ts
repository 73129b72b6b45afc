// The officers' CLI in child processes against an embedded database in a temporary DATA_DIR:
// list/show/reply/status/export, and `audit verify` naming a row edited with raw SQL. Each call starts tsx and
// opens PGlite (several seconds on 2 cores), so the calls are few.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { answerTicket, createTicket, disputeTicket } from '../../src/tickets/index.js';
import { addTestAccount } from '../support/accounts.js';
import { REPO_ROOT } from '../support/shared-data.js';
import { CONSENT, createTicketTestEnv, PERSON } from './helpers.js';

const run = promisify(execFile);

describe('tiepdan tickets / audit (child process)', () => {
  let dataDir: string;
  let petition = '';
  let denunciation = '';
  let disputed = '';
  const env = () => ({
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    LOG_LEVEL: 'silent',
    SETTINGS_DIR: path.join(REPO_ROOT, 'settings'),
  });
  const cli = async (...args: string[]) => {
    try {
      const r = await run(process.execPath, [path.join(REPO_ROOT, 'bin/tiepdan.mjs'), ...args], {
        cwd: REPO_ROOT,
        env: env(),
      });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-cli-'));
    const db = await openDatabase({ dataDir });
    const t = await createTicketTestEnv(new Date().toISOString(), db);
    petition = (
      await createTicket(t.deps, {
        kind: 'petition',
        category: 'giao-thong',
        commune: 'duc-xuan',
        description: 'Đường ngập nước',
        personal: PERSON,
        consent: CONSENT,
        resident: { channel: 'telegram', channelUserId: '42' },
      })
    ).ticket.code;
    denunciation = (
      await createTicket(t.deps, {
        kind: 'denunciation',
        category: 'thai-do-can-bo',
        description: 'Tố cáo cán bộ nhận hối lộ',
        personal: { fullName: 'Lý Văn Sài', address: 'Thôn Nà Làng, xã Bản Thi', phone: '0987654321' },
        consent: CONSENT,
        resident: { channel: 'telegram', channelUserId: '43' },
      })
    ).ticket.code;
    const answered = await createTicket(t.deps, {
      kind: 'petition',
      category: 'giao-thong',
      commune: 'duc-xuan',
      description: 'Cống thoát nước tổ 7 bị tắc',
      personal: { fullName: 'Đỗ Văn Em', address: 'Tổ 7, phường Đức Xuân', phone: '0356123456' },
      consent: CONSENT,
      resident: { channel: 'telegram', channelUserId: '44' },
    });
    disputed = answered.ticket.code;
    await answerTicket(t.deps, {
      code: disputed,
      answer: 'Đã thông cống.',
      actor: { name: 'can.bo.a', role: 'officer' },
    });
    t.clock.advance(60_000);
    await disputeTicket(t.deps, {
      code: disputed,
      resident: { channel: 'telegram', channelUserId: '44' },
      reason: 'Cống vẫn tắc sau trận mưa hôm qua',
    });
    await addTestAccount(db, 'can.bo.a', 'officer');
    await addTestAccount(db, 'nguyen.van.b', 'officer');
    await addTestAccount(db, 'thanh.tra', 'inspector');
    await db.close();
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists with masked phones, hides the denouncer from officers, and prints JSON', async () => {
    const list = await cli('tickets', 'list', '--as', 'can.bo.a');
    expect(list.code).toBe(0);
    // the officer's notice of a dispute, before anything else
    expect(list.stdout.split('\n')[0]).toBe(
      `⚠ 1 yêu cầu bị người dân đề nghị xem xét lại: ${disputed} (xem: tickets list --disputed).`,
    );
    expect(list.stdout).toContain(petition);
    expect(list.stdout).toContain('09******78');
    expect(list.stdout).not.toContain('0912345678');
    expect(list.stdout).toContain('[danh tính được bảo vệ]');
    expect(list.stdout).not.toContain('Sài');
    const json = JSON.parse(
      (await cli('tickets', 'show', denunciation, '--json', '--role', 'inspector', '--as', 'thanh.tra')).stdout,
    );
    expect(json.personal).toMatchObject({ fullName: 'Lý Văn Sài' });
  }, 180_000);

  it('reports received, answered and disputed per kind, as a table, JSON and CSV, with nothing personal', async () => {
    const json = await cli('tickets', 'report', '--by', 'kind', '--json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as {
      groups: Array<Record<string, unknown>>;
      total: Record<string, unknown>;
    };
    expect(report.groups.find((g) => g.key === 'petition')).toMatchObject({ received: 2, answered: 1, disputed: 1 });
    expect(report.total).toMatchObject({ received: 3 });
    const table = await cli('tickets', 'report', '--by', 'kind');
    expect(table.stdout).toContain('Báo cáo theo loại:');
    expect(table.stdout).toMatch(/^Tổng cộng \| 3 \|/m);
    const csv = await cli('tickets', 'report', '--by', 'unit', '--csv');
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^group,label,received,/);
    for (const out of [json.stdout, table.stdout, csv.stdout]) {
      for (const secret of [petition, denunciation, 'Sài', 'Cống thoát', '0987654321'])
        expect(out).not.toContain(secret);
    }
    const bad = await cli('tickets', 'report', '--by', 'huyen');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/huyen/);
  }, 180_000);

  it('lists disputed tickets, shows the dispute with its reason; --as names an account', async () => {
    const listed = await cli('tickets', 'list', '--disputed', '--json', '--as', 'nguyen.van.b');
    expect(listed.code).toBe(0);
    const items = JSON.parse(listed.stdout);
    expect(items.map((t: { code: string }) => t.code)).toEqual([disputed]);
    expect(items[0]).toMatchObject({ isDisputed: true, disputedAt: expect.any(String) });

    const shown = await cli('tickets', 'show', disputed, '--as', 'nguyen.van.b');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/Đề nghị xem xét lại: \d\d:\d\d \d\d\/\d\d\/\d{4} — chưa trả lời lại/);
    expect(shown.stdout).toContain('lý do: Cống vẫn tắc sau trận mưa hôm qua');
    // the account and the operating-system user who typed the command, in the audit trail
    expect(shown.stdout).toContain(`officer:nguyen.van.b (os:${os.userInfo().username}) personal.viewed`);
    const stranger = await cli('tickets', 'list', '--as', 'khong.co');
    expect(stranger.code).not.toBe(0);
    expect(stranger.stderr).toContain('không có tài khoản "khong.co"');

    const json = JSON.parse((await cli('tickets', 'show', disputed, '--json', '--as', 'nguyen.van.b')).stdout);
    expect(json.dispute).toMatchObject({ isOpen: true, reason: 'Cống vẫn tắc sau trận mưa hôm qua' });
  }, 180_000);

  it('replies, changes status and exports, all recorded; `audit verify` names an edited row', async () => {
    const accepted = await cli('tickets', 'status', petition, 'accepted', '--as', 'can.bo.a');
    expect(accepted.stdout).toContain('accepted');
    const reply = await cli('tickets', 'reply', petition, 'Đã khơi thông cống thoát nước.', '--as', 'can.bo.a');
    expect(reply.stdout).toContain('Đã trả lời');
    const out = path.join(dataDir, 'export.csv');
    expect(
      (
        await cli(
          'tickets',
          'export',
          '--with-personal-data',
          '--reason',
          'Báo cáo tháng',
          '--out',
          out,
          '--as',
          'can.bo.a',
        )
      ).code,
    ).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('0912345678');

    const db = await openDatabase({ dataDir });
    const [row] = await db.sql.exec(`SELECT id FROM "AuditLog" WHERE action = 'ticket.answered'`);
    await db.sql.exec(`ALTER TABLE "AuditLog" DISABLE TRIGGER USER;
      UPDATE "AuditLog" SET after = '{"publicAnswer":"Không có gì"}' WHERE id = ${row?.id};
      ALTER TABLE "AuditLog" ENABLE TRIGGER USER;`);
    await db.close();
    const tampered = await cli('audit', 'verify');
    expect(tampered.code).toBe(3);
    expect(tampered.stdout).toContain(`Bản ghi #${row?.id} đã bị sửa`);
    expect(tampered.stdout).toContain('Nhật ký KHÔNG toàn vẹn');
  }, 240_000);
});

// `tiepdan tickets deadline` and `tiepdan tickets holidays` run as the real CLI in child processes: they read
// settings/ only — no database opened, no DATA_DIR created, never forwarded to a running service — and with --json
// the last line is one JSON object with the dates and the basis of each rule.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, processIdOf } from '../../src/db/data-dir-lock.js';
import { REPO_ROOT } from '../support/shared-data.js';

const run = promisify(execFile);

describe('tiepdan tickets deadline / holidays (child process, no database)', () => {
  let scratch: string;
  let missingDataDir: string;
  let lockedDataDir: string;
  let service: Server;
  let forwarded = 0;

  const cli = async (env: Record<string, string>, ...args: string[]) => {
    try {
      const r = await run(process.execPath, [path.join(REPO_ROOT, 'bin/tiepdan.mjs'), ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, LOG_LEVEL: 'silent', SETTINGS_DIR: path.join(REPO_ROOT, 'settings'), ...env },
      });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1) ?? '');

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-deadline-cli-'));
    missingDataDir = path.join(scratch, 'never-created');
    // a folder held by a live "service" that advertises an admin port: any forwarded command would reach it
    service = createServer((_req, res) => {
      forwarded++;
      res.statusCode = 500;
      res.end();
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    lockedDataDir = path.join(scratch, 'held');
    await mkdir(lockedDataDir);
    await writeFile(
      path.join(lockedDataDir, LOCK_FILE),
      JSON.stringify({
        pid: process.pid,
        role: 'service',
        startedAt: new Date().toISOString(),
        processId: await processIdOf(process.pid),
        port: (service.address() as AddressInfo).port,
        adminToken: 'jeton-de-test',
      }),
    );
  });
  afterAll(async () => {
    await new Promise((resolve) => service.close(resolve));
    await rm(scratch, { recursive: true, force: true });
  });

  it('prints the JSON object on the last line, with no database and no DATA_DIR', async () => {
    const r = await cli(
      { DATA_DIR: missingDataDir, DATABASE_URL: '' },
      'tickets',
      'deadline',
      '--kind',
      'complaint',
      '--received',
      '2026-03-02',
      '--accepted',
      '2026-04-01',
      '--remote',
      '--json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = lastJson(r.stdout);
    // 10 working days (Luật Khiếu nại Art. 27); 45 days from 1/4 = 16/5, a Saturday → Monday 18/5 (Art. 28)
    expect(report).toMatchObject({ acknowledgeBy: '2026-03-16', dueBy: '2026-05-18' });
    expect(report.rules.map((x: { citation: string }) => x.citation)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Luật Khiếu nại 2011, Điều 27'),
        'Luật Khiếu nại 2011, Điều 28',
        'Luật Khiếu nại 2011, Điều 33',
      ]),
    );
    expect(report.rules.every((x: { basis: unknown[] }) => x.basis.length > 0)).toBe(true);
    await expect(readdir(missingDataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('is not forwarded to a running service, and needs no reachable PostgreSQL', async () => {
    const held = await cli(
      { DATA_DIR: lockedDataDir, DATABASE_URL: '' },
      'tickets',
      'deadline',
      '--kind',
      'denunciation',
      '--received',
      '2026-04-28',
      '--json',
    );
    expect(held.code).toBe(0);
    expect(held.stderr).toBe('');
    expect(lastJson(held.stdout)).toMatchObject({ acknowledgeBy: '2026-05-11', forwardBy: '2026-05-07', dueBy: null });
    expect(forwarded).toBe(0);
    const noServer = await cli(
      { DATA_DIR: missingDataDir, DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none' },
      'tickets',
      'deadline',
      '--kind',
      'petition',
      '--received',
      '2026-01-05',
      '--json',
    );
    expect(noServer.code).toBe(0);
    expect(lastJson(noServer.stdout)).toMatchObject({ acknowledgeBy: '2026-01-16', dueBy: null });
  });

  it('prints each deadline with its basis, the province commitment as such, and flags unverified rules', async () => {
    const petition = await cli(
      { DATA_DIR: missingDataDir },
      'tickets',
      'deadline',
      '--kind',
      'petition',
      '--received',
      '2026-01-05',
      '--category',
      'giao-thong',
    );
    expect(petition.code).toBe(0);
    expect(petition.stdout).toContain('Hạn thông báo kết quả tiếp nhận: 16/01/2026');
    expect(petition.stdout).toContain('Căn cứ: Luật Tiếp công dân 2013, Điều 28');
    expect(petition.stdout).toContain('Hạn trả lời (cam kết của tỉnh): 10/01/2026');
    expect(petition.stdout).toContain('Cam kết của tỉnh, không phải thời hạn luật định');
    const amended = await cli(
      { DATA_DIR: missingDataDir },
      'tickets',
      'deadline',
      '--kind',
      'complaint',
      '--received',
      '2026-07-01',
    );
    expect(amended.stdout).toContain('Hạn thụ lý khiếu nại: 10/07/2026');
    expect(amended.stdout).toContain('⚠ Cần đối chiếu văn bản (quy tắc khieu-nai-thu-ly-2026)');
  });

  it('refuses impossible input in Vietnamese with exit code 2', async () => {
    const bad = await cli(
      { DATA_DIR: missingDataDir },
      'tickets',
      'deadline',
      '--kind',
      'denunciation',
      '--received',
      '2026-02-30',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--received phải là một ngày có thật');
  });

  it('shows a year of holidays with their source, worked Saturdays included, computed days flagged', async () => {
    const y2026 = await cli({ DATA_DIR: missingDataDir }, 'tickets', 'holidays', '--year', '2026');
    expect(y2026.code).toBe(0);
    expect(y2026.stdout).toContain('02/01/2026 (Thứ Sáu)  Nghỉ hoán đổi');
    expect(y2026.stdout).toMatch(/10\/01\/2026 \(Thứ Bảy\) {2}Làm bù .*12729\/VPCP-KGVX/);
    expect(y2026.stdout).toMatch(/01\/09\/2026 \(Thứ Ba\) {2}Quốc khánh \(ngày liền kề\) — chính thức/);
    expect(y2026.stdout).toContain('Tất cả các ngày đều có nguồn chính thức.');
    const y2027 = await cli({ DATA_DIR: missingDataDir }, 'tickets', 'holidays', '--year', '2027');
    expect(y2027.stdout).toContain('04/02/2027 (Thứ Năm)  Tết Nguyên đán — ⚠ MÁY TỰ TÍNH');
    expect(y2027.stdout).toMatch(/⚠ \d+ ngày do máy tự tính/);
    await expect(readdir(missingDataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

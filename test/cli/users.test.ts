// `tiepdan users …`: the contracts tests outside the project rely on, run as the real CLI in child processes,
// directly on an embedded database and forwarded to a running service (stdin included).
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateToken, signIn } from '../../src/accounts/index.js';
import { loadConfig } from '../../src/config/index.js';
import { openDatabase } from '../../src/db/index.js';
import { type Service, startService } from '../../src/service.js';
import { createLogger } from '../../src/shared/logger.js';
import { accountDepsFor } from '../support/accounts.js';
import { REPO_ROOT } from '../support/shared-data.js';
import { createDataDir } from './run-cli.js';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with `input` on its stdin. */
function tiepdan(dataDir: string, input: string | undefined, ...args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';
const osUser = os.userInfo().username;

describe('tiepdan users (directly on the embedded database)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await createDataDir('tiepdan-users-');
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('adds accounts with roles and units, lists them, issues a token shown once, resets and disables', async () => {
    const admin = await tiepdan(
      dataDir,
      'mật khẩu quản trị 2026\n',
      'users',
      'add',
      'chi.ha',
      '--role',
      'admin',
      '--password-stdin',
    );
    expect(admin.stderr).not.toContain('quản trị 2026'); // the password is never echoed
    expect(admin.code).toBe(0);
    const officer = await tiepdan(
      dataDir,
      'mat-khau-can-bo-1',
      'users',
      'add',
      'Can.Bo.A',
      '--role',
      'officer',
      '--unit',
      'so-xd',
      '--unit',
      'so-yt',
      '--password-stdin',
    );
    expect(officer.code).toBe(0);
    expect(officer.stdout).toContain('can.bo.a');

    // an officer works for units; an unknown unit or role is refused, in Vietnamese, with exit code 2
    const noUnit = await tiepdan(
      dataDir,
      'mat-khau-can-bo-2',
      'users',
      'add',
      'can.bo.b',
      '--role',
      'officer',
      '--password-stdin',
    );
    expect(noUnit.code).toBe(2);
    expect(noUnit.stderr).toContain('cần ít nhất một --unit');

    const token = await tiepdan(dataDir, undefined, 'users', 'token', 'can.bo.a');
    expect(token.code).toBe(0);
    const issued = lastLine(token.stdout);
    expect(issued).toMatch(/^tdp_[A-Za-z0-9_-]{43}$/);

    const listed = await tiepdan(dataDir, undefined, 'users', 'list', '--json');
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ login: 'can.bo.a', role: 'officer', units: ['so-xd', 'so-yt'], disabled: false }),
      expect.objectContaining({ login: 'chi.ha', role: 'admin', units: [], disabled: false }),
    ]);

    const db = await openDatabase({ dataDir });
    try {
      const deps = await accountDepsFor(db);
      // the token works, and only its hash is stored; the passwords are scrypt hashes
      expect((await authenticateToken(deps, issued))?.login).toBe('can.bo.a');
      const rows = await db.sql.exec(`SELECT "tokenHash" FROM "ApiToken"`);
      expect(JSON.stringify(rows)).not.toContain(issued.slice(4));
      const hashes = await db.sql.exec(`SELECT "passwordHash" FROM "Account"`);
      for (const row of hashes) expect(String(row.passwordHash)).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect((await signIn(deps, { login: 'chi.ha', password: 'mật khẩu quản trị 2026' })).role).toBe('admin');
      // who did it, in the audit trail: the operating-system user
      const audit = await db.sql.exec(`SELECT actor, action FROM "AuditLog" WHERE entity = 'account' ORDER BY id`);
      expect(audit).toEqual([
        { actor: `cli:os:${osUser}`, action: 'account.added' },
        { actor: `cli:os:${osUser}`, action: 'account.added' },
        { actor: `cli:os:${osUser}`, action: 'account.token_issued' },
      ]);
    } finally {
      await db.close();
    }

    const reset = await tiepdan(
      dataDir,
      'mat-khau-moi-cua-a\n',
      'users',
      'reset-password',
      'can.bo.a',
      '--password-stdin',
    );
    expect(reset.code).toBe(0);
    const disabled = await tiepdan(dataDir, undefined, 'users', 'disable', 'can.bo.a');
    expect(disabled.code).toBe(0);

    const after = await openDatabase({ dataDir });
    try {
      const deps = await accountDepsFor(after);
      expect(await authenticateToken(deps, issued)).toBeUndefined();
      await expect(signIn(deps, { login: 'can.bo.a', password: 'mat-khau-moi-cua-a' })).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
        userMessage: expect.stringContaining('đã bị khoá'),
      });
    } finally {
      await after.close();
    }
  }, 240_000);
});

describe('tiepdan users (forwarded to the running service)', () => {
  let dataDir: string;
  let service: Service;
  beforeAll(async () => {
    dataDir = await createDataDir('tiepdan-users-forward-');
    const config = loadConfig(
      { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', INDEX_ON_START: 'false' },
      REPO_ROOT,
    );
    service = await startService({ config, logger: createLogger({ level: 'silent' }) });
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reads --password-stdin in the CLI and the service creates the account; the token is the last line', async () => {
    const added = await tiepdan(
      dataDir,
      'mat-khau-lanh-dao-9\n',
      'users',
      'add',
      'lanh.dao',
      '--role',
      'lead',
      '--password-stdin',
    );
    expect(added.stderr).toContain('chuyển cho dịch vụ');
    expect(added.code).toBe(0);
    const deps = await accountDepsFor(service.db);
    expect((await signIn(deps, { login: 'lanh.dao', password: 'mat-khau-lanh-dao-9' })).role).toBe('lead');

    const token = await tiepdan(dataDir, undefined, 'users', 'token', 'lanh.dao');
    expect(token.code).toBe(0);
    expect((await authenticateToken(deps, lastLine(token.stdout)))?.login).toBe('lanh.dao');
    const audit = await service.db.sql.exec(
      `SELECT actor FROM "AuditLog" WHERE entity = 'account' AND "entityId" = 'lanh.dao' ORDER BY id`,
    );
    // the typist's operating-system user travels with the forwarded command
    expect(audit).toEqual([{ actor: `cli:os:${osUser}` }, { actor: `cli:os:${osUser}` }]);
  }, 240_000);
});

// While the service holds the embedded database, `tiepdan` commands typed on the same machine are run by it.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliOutput } from '../../src/cli/context.js';
import { type ForwardToService, forwardToService } from '../../src/cli/forward-to-service.js';
import { loadConfig } from '../../src/config/index.js';
import { LOCK_FILE } from '../../src/db/data-dir-lock.js';
import { createHttpApp, listen, type RunningServer } from '../../src/http/index.js';
import { type AdminCliOptions, mountAdminCli } from '../../src/http/routes/admin-cli.js';
import { type Service, startService } from '../../src/service.js';
import { AppError } from '../../src/shared/errors.js';
import { createLogger } from '../../src/shared/logger.js';
import { REPO_ROOT } from '../support/shared-data.js';

const run = promisify(execFile);
let service: Service;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-forward-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }, REPO_ROOT);
  service = await startService({ config, logger: createLogger({ level: 'silent' }) });
});
afterAll(async () => {
  await service?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function cli(args: string[]) {
  return run('npx', ['tsx', path.join(REPO_ROOT, 'src/cli/main.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
  });
}

describe('CLI while the service runs on the embedded database', () => {
  it('hands the command to the service and prints its output', async () => {
    const { stdout, stderr } = await cli(['kb', 'list', '--json']);
    expect(stderr).toContain('chuyển cho dịch vụ');
    const documents = JSON.parse(stdout) as Array<{ code: string }>;
    expect(documents.map((d) => d.code)).toContain('416/KH-UBND');
  });

  it('returns the command exit code and Vietnamese errors', async () => {
    const error = (await cli(['kb', 'remove', 'KHONG-CO-MA']).catch((e: unknown) => e)) as {
      code: number;
      stderr: string;
    };
    expect(error.code).not.toBe(0);
    expect(error.stderr).toMatch(/KHONG-CO-MA/);
  });

  it('refuses requests without the token from the lock file', async () => {
    const noToken = await fetch(`${service.url}/admin/cli`, {
      method: 'POST',
      body: JSON.stringify({ args: ['kb', 'list'], cwd: '/' }),
    });
    expect(noToken.status).toBe(401);
    const wrong = await fetch(`${service.url}/admin/cli`, {
      method: 'POST',
      headers: { authorization: 'Bearer not-the-token' },
      body: JSON.stringify({ args: ['kb', 'list'], cwd: '/' }),
    });
    expect(wrong.status).toBe(401);
    const lock = JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8')) as { adminToken: string };
    const right = await fetch(`${service.url}/admin/cli`, {
      method: 'POST',
      headers: { authorization: `Bearer ${lock.adminToken}` },
      body: JSON.stringify({ args: ['kb', 'list', '--json'], cwd: REPO_ROOT }),
    });
    expect(right.status).toBe(200);
    const events = (await right.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.at(-1)).toEqual({ exitCode: 0 });
    expect(events.filter((e) => e.stream === 'stdout').length).toBeGreaterThan(0);
  });
});

/** An admin route in front of a command the test steers; the holder a CLI would read from the lock file. */
async function adminRoute(
  run: AdminCliOptions['run'],
): Promise<{ server: RunningServer; holder: ForwardToService['holder'] }> {
  const app = createHttpApp({
    logger: createLogger({ level: 'silent' }),
    health: async () => ({}),
    mounts: [(a) => mountAdminCli(a, { token: () => 'admin-token', run })],
  });
  const server = await listen(app, '127.0.0.1', 0);
  return {
    server,
    holder: {
      pid: 4242,
      role: 'service',
      startedAt: new Date().toISOString(),
      port: server.port,
      adminToken: 'admin-token',
    },
  };
}

describe('output of a forwarded command', () => {
  // were the output held back until the command ends, the command would wait forever (the test times out)
  it('reaches the terminal while the command is still running', { timeout: 15_000 }, async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seen: string[] = [];
    // the command cannot finish until its first progress line has reached the CLI
    const { server, holder } = await adminRoute(async (_args, _cwd, output) => {
      output.err('Đang nạp: 1/2 tệp (50%)\n');
      await gate;
      seen.push('command finished');
      output.err('Đang nạp: 2/2 tệp (100%)\n');
      output.out('Đã nạp 2 tệp.\n');
      return 3;
    });
    const terminal: CliOutput = {
      out: (text) => seen.push(`stdout: ${text}`),
      err: (text) => {
        seen.push(`stderr: ${text}`);
        release();
      },
    };
    try {
      const result = await forwardToService(holder, ['kb', 'add', 'thu-tuc'], '/', terminal);
      expect(seen).toEqual([
        'stderr: Đang nạp: 1/2 tệp (50%)\n',
        'command finished',
        'stderr: Đang nạp: 2/2 tệp (100%)\n',
        'stdout: Đã nạp 2 tệp.\n',
      ]);
      expect(result.exitCode).toBe(3);
    } finally {
      await server.close();
    }
  });

  it('says in Vietnamese when the service goes away mid-command', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { server, holder } = await adminRoute(async (_args, _cwd, output) => {
      output.err('Đang nạp: 1/2 tệp (50%)\n');
      await gate;
      return 0;
    });
    let closed: Promise<void> | undefined;
    const terminal: CliOutput = { out: () => undefined, err: () => (closed ??= server.close()) };
    try {
      const error = await forwardToService(holder, ['kb', 'add', 'thu-tuc'], '/', terminal).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).userMessage).toContain('ngừng trả lời khi lệnh đang chạy');
    } finally {
      release();
      await (closed ?? server.close());
    }
  });
});

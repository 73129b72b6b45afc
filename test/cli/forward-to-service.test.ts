// While the service holds the embedded database, `tiepdan` commands typed on the same machine are run by it.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { LOCK_FILE } from '../../src/db/data-dir-lock.js';
import { type Service, startService } from '../../src/service.js';
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
    expect(((await right.json()) as { exitCode: number }).exitCode).toBe(0);
  });
});

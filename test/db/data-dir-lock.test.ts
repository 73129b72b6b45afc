// The embedded data folder admits one process at a time; a lock left by a killed process is taken over.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, LOCK_FILE, processIdOf, readDataDirLock } from '../../src/db/data-dir-lock.js';
import { openDatabase } from '../../src/db/index.js';
import { isAppError } from '../../src/shared/errors.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-lock-'));
  dirs.push(d);
  return d;
}

describe('data folder lock', () => {
  it('refuses a second holder while the first lives, with a Vietnamese explanation', async () => {
    const dir = await tempDir();
    // a live process other than this one holds it
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await writeFile(
        path.join(dir, LOCK_FILE),
        JSON.stringify({ pid: holder.pid, role: 'service', startedAt: new Date().toISOString(), port: 3999 }),
      );
      const error = await acquireDataDirLock(dir, 'cli').catch((e: unknown) => e);
      expect(isAppError(error, 'CONFLICT')).toBe(true);
      expect((error as { userMessage: string }).userMessage).toContain(`pid ${holder.pid}`);
      expect(await readDataDirLock(dir)).toMatchObject({ pid: holder.pid, port: 3999 });
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes over a lock left by a dead process', async () => {
    const dir = await tempDir();
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.once('exit', r));
    await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: dead.pid, role: 'service', startedAt: '' }));
    const lock = await acquireDataDirLock(dir, 'cli');
    expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
    await expect(stat(path.join(dir, LOCK_FILE))).rejects.toThrow();
  });

  it.skipIf(process.platform !== 'linux')(
    'takes over a lock whose pid now belongs to another process (a restart handed it out again)',
    async () => {
      const dir = await tempDir();
      const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
      try {
        const pid = other.pid as number;
        const lockOf = (processId: string | undefined) =>
          writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid, role: 'service', startedAt: '', processId }));
        // recorded by that very process: it holds the folder
        const own = await processIdOf(pid);
        expect(own).toMatch(/^[0-9a-f-]*:\d+$/);
        await lockOf(own);
        expect(await readDataDirLock(dir)).toMatchObject({ pid });
        expect(isAppError(await acquireDataDirLock(dir, 'cli').catch((e: unknown) => e), 'CONFLICT')).toBe(true);
        // recorded by an earlier process that had the same pid (another start time): the folder is free
        await lockOf(`${own?.split(':')[0]}:1`);
        expect(await readDataDirLock(dir)).toBeUndefined();
        const lock = await acquireDataDirLock(dir, 'service');
        const written = JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8'));
        expect(written).toMatchObject({ pid: process.pid, processId: await processIdOf(process.pid) });
        await lock.release();
      } finally {
        other.kill('SIGKILL');
      }
    },
  );

  it.skipIf(process.platform !== 'linux')(
    'takes over a lock whose holder was killed but never reaped (a zombie)',
    async () => {
      const dir = await tempDir();
      // the background child exits a second later, when its parent has already become `sleep 30`, which never reaps
      // it (a child that exited before the exec could be reaped by the shell itself: seen once under load)
      const parent = spawn('sh', ['-c', 'sleep 1 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
      try {
        const zombie = Number(
          await new Promise<string>((r) => parent.stdout.once('data', (d: Buffer) => r(String(d)))),
        );
        await expect
          .poll(async () => (await readFile(`/proc/${zombie}/stat`, 'utf8')).split(') ')[1]?.[0], { timeout: 20_000 })
          .toBe('Z');
        await writeFile(path.join(dir, LOCK_FILE), JSON.stringify({ pid: zombie, role: 'service', startedAt: '' }));
        expect(await readDataDirLock(dir)).toBeUndefined();
        const lock = await acquireDataDirLock(dir, 'service');
        expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
        await lock.release();
      } finally {
        parent.kill('SIGKILL');
      }
    },
  );

  it('advertises the port with a token in a file only its owner can read', async () => {
    const dir = await tempDir();
    const lock = await acquireDataDirLock(dir, 'service');
    const info = await lock.advertise(4321);
    expect(info.adminToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect((await stat(path.join(dir, LOCK_FILE))).mode & 0o077).toBe(0);
    await lock.release();
  });

  it('is held by an open embedded database and freed by close()', async () => {
    const dataDir = await tempDir();
    const db = await openDatabase({ dataDir });
    expect(JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await db.close();
    await expect(stat(path.join(dataDir, LOCK_FILE))).rejects.toThrow();
    const again = await openDatabase({ dataDir });
    await again.close();
  });
});

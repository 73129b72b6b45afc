// The data folder holds residents' personal data: no other local account may read it (folders 700, files 600).
import { spawnSync } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { secureDataDir } from '../../src/db/secure-data-dir.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-modes-'));
  dirs.push(d);
  return d;
}

/** Every entry under `root` whose mode gives anything to group or others, as "mode path". */
async function openEntries(root: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (entry: string) => {
    const s = await lstat(entry);
    if (s.isSymbolicLink()) return;
    if ((s.mode & 0o077) !== 0) found.push(`${(s.mode & 0o777).toString(8)} ${path.relative(root, entry)}`);
    if (s.isDirectory()) for (const name of await readdir(entry)) await visit(path.join(entry, name));
  };
  await visit(root);
  return found;
}

const modeOf = async (p: string) => (await lstat(p)).mode & 0o777;

describe('data folder modes', () => {
  it('repairs a folder left open to other accounts: folders 700, files 600, read-only files stay read-only', async () => {
    const root = await tempDir();
    const dataDir = path.join(root, 'data');
    await mkdir(path.join(dataDir, 'pglite', 'pg_wal'), { recursive: true });
    await writeFile(path.join(dataDir, 'pglite', 'pg_wal', '000000010000000000000001'), 'Nguyễn Văn A 0912345678');
    await writeFile(path.join(dataDir, 'pglite', 'PG_VERSION'), '18');
    await writeFile(path.join(dataDir, 'readonly'), 'x');
    const outside = path.join(root, 'outside.txt');
    await writeFile(outside, 'not ours to change');
    await chmod(outside, 0o644);
    await symlink(outside, path.join(dataDir, 'link'));
    await chmod(path.join(dataDir, 'pglite', 'pg_wal', '000000010000000000000001'), 0o666);
    await chmod(path.join(dataDir, 'pglite', 'PG_VERSION'), 0o644);
    await chmod(path.join(dataDir, 'readonly'), 0o444);
    await chmod(path.join(dataDir, 'pglite', 'pg_wal'), 0o755);
    await chmod(path.join(dataDir, 'pglite'), 0o777);
    await chmod(dataDir, 0o755);

    const result = await secureDataDir(dataDir);

    expect(result).toEqual({ repaired: 6, failed: [] });
    expect(await openEntries(dataDir)).toEqual([]);
    expect(await modeOf(dataDir)).toBe(0o700);
    expect(await modeOf(path.join(dataDir, 'pglite', 'pg_wal', '000000010000000000000001'))).toBe(0o600);
    expect(await modeOf(path.join(dataDir, 'readonly'))).toBe(0o400);
    expect(await modeOf(outside)).toBe(0o644);
    // a folder in order costs no writes and reports nothing
    expect(await secureDataDir(dataDir)).toEqual({ repaired: 0, failed: [] });
  });

  it('creates a missing data folder as 700', async () => {
    const dataDir = path.join(await tempDir(), 'a', 'b');
    await secureDataDir(dataDir);
    expect(await modeOf(dataDir)).toBe(0o700);
  });

  it('keeps every file the embedded database writes private, whatever the umask, and reports a repair', async () => {
    const dataDir = await tempDir();
    await chmod(dataDir, 0o755);
    await writeFile(path.join(dataDir, 'left-over'), 'x', { mode: 0o666 });
    await chmod(path.join(dataDir, 'left-over'), 0o666);
    const repaired: number[] = [];
    const previous = process.umask(0o000); // the worst case: nothing masked by the process
    try {
      const db = await openDatabase({ dataDir, onPermissionsRepaired: (r) => repaired.push(r.repaired) });
      await db.sql.exec(`CREATE TABLE note (t text); INSERT INTO note VALUES ('Nguyễn Văn Tố Cáo 0912345678')`);
      await db.close();
    } finally {
      process.umask(previous);
    }
    expect(repaired).toEqual([2]);
    // PGlite's file system chmods its ~1,000 files to 666: none may stay so
    expect(await openEntries(dataDir)).toEqual([]);
  });

  it.skipIf(process.getuid?.() !== 0 || spawnSync('setpriv', ['--version']).status !== 0)(
    'another local account cannot read a denouncer’s details in the database files or the WAL',
    async () => {
      // the parent lets everyone through, as /srv or a home folder may: only our modes protect the data
      const parent = await tempDir();
      await chmod(parent, 0o755);
      const dataDir = path.join(parent, 'data');
      const db = await openDatabase({ dataDir });
      await db.sql.exec(`CREATE TABLE denouncer (t text); INSERT INTO denouncer VALUES ('ToCaoMarker 0987654321')`);
      await db.close();
      const asNobody = spawnSync(
        'setpriv',
        ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'grep', '-rl', 'ToCaoMarker', dataDir],
        { encoding: 'utf8' },
      );
      expect(asNobody.stdout).toBe('');
      expect(asNobody.stderr).toContain('Permission denied');
      // and root (the owner) does find it, so the search itself works
      const asOwner = spawnSync('grep', ['-rl', 'ToCaoMarker', dataDir], { encoding: 'utf8' });
      expect(asOwner.stdout).not.toBe('');
    },
  );
});

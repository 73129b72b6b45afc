// A newcomer ran `tiepdan kb add` without the service's DATA_DIR: a new ./data was made silently and the service kept
// answering "chưa tìm thấy". Commands now say which database they write to, warn before making a new one, and read
// the working directory's .env as the README's .env.example invites.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withDotEnv } from '../../src/config/dotenv.js';
import { loadConfig } from '../../src/config/index.js';
import { createDataDir, tiepdan } from './run-cli.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('which database a command uses', () => {
  it('warns before creating a new, empty database, and names the one it writes to', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-which-'));
    dirs.push(parent);
    const fresh = path.join(parent, 'data');
    const listed = await tiepdan(fresh, 'kb', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stderr).toContain(`chưa có cơ sở dữ liệu tại ${fresh}`);
    expect(listed.stderr).toContain('DATA_DIR');

    const existing = await createDataDir('tiepdan-which-existing-');
    dirs.push(existing);
    const added = await tiepdan(existing, 'kb', 'add', 'knowledge/416-KH-UBND.txt');
    expect(added.code).toBe(0);
    expect(added.stderr).toContain(`(Ghi vào cơ sở dữ liệu: nhúng (PGlite) tại ${existing})`);
    expect(added.stderr).not.toContain('MỚI');
    // a read says nothing about writing
    const read = await tiepdan(existing, 'kb', 'list');
    expect(read.stderr).toBe('');
  }, 180_000); // three processes, one of them creating a database (initdb), on a busy machine

  it('reads .env from the working directory, under the process environment', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-dotenv-'));
    dirs.push(dir);
    await writeFile(path.join(dir, '.env'), '# cấu hình\nDATA_DIR=./du-lieu\nPORT=4100\nADDRESS_FORM="Quý vị"\n');
    const fromFile = loadConfig(withDotEnv({}, dir).env, dir);
    expect(fromFile).toMatchObject({ dataDir: path.join(dir, 'du-lieu'), port: 4100, addressForm: 'Quý vị' });
    // the environment wins over the file
    const overridden = loadConfig(withDotEnv({ PORT: '4200' }, dir).env, dir);
    expect(overridden.port).toBe(4200);
    // no .env: nothing changes
    expect(withDotEnv({ PORT: '1' }, os.tmpdir()).file).toBeUndefined();
  });
});

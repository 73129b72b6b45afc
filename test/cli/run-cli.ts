// Runs `tiepdan …` in a child process on an embedded database in a temp DATA_DIR (for CLI tests).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { snapshotPath } from '../support/global-setup.js';
import { REPO_ROOT } from '../support/shared-data.js';

const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh DATA_DIR whose embedded database starts migrated (skips initdb in the child). */
export async function createDataDir(prefix: string): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const snapshot = new Blob([await readFile(await snapshotPath())]);
  const pglite = await PGlite.create(path.join(dataDir, 'pglite'), { loadDataDir: snapshot });
  await pglite.close();
  return dataDir;
}

export async function tiepdan(dataDir: string, ...args: string[]): Promise<CliResult> {
  // never the developer's PostgreSQL or AI settings: the embedded database, model-free answers
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    DATABASE_URL: '',
    ANSWER_MODE: 'extractive',
    RETRIEVAL_MODE: 'lexical',
  };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: REPO_ROOT,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

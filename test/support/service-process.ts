// The real service as its own process (`node --import tsx src/main.ts`, what `npm start` runs, without npm's
// wrapper), for the tests that kill it: started in its own process group, killed as a group with SIGKILL.
import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import { REPO_ROOT } from './shared-data.js';

/** A started service process; `output()` is everything it has printed so far (log lines included). */
export type ServiceProcess = ChildProcess & { output(): string };

/** Starts the service with `env` (on top of PATH and HOME) and resolves once it says it is running. */
export async function startServiceProcess(env: Record<string, string>, timeoutMs = 120_000): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
    stdio: 'pipe',
    detached: true,
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('tiepdan đang chạy tại')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`service exited (${code ?? signal}):\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  return Object.assign(child, { output: () => output });
}

/** Resolves with the signal or exit code once the process has exited. */
export function exited(child: ChildProcess): Promise<NodeJS.Signals | number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode ?? child.exitCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
}

/** SIGKILLs the process and its group (nothing it started survives) and waits for it to exit. */
export async function killServiceProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
  await done;
}

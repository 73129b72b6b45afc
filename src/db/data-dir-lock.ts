// One process at a time on an embedded data folder: PGlite itself does not lock it, and two writers corrupt it.
// The lock file also tells the CLI where the running service listens, so commands can be handed to it.
import { randomBytes } from 'node:crypto';
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../shared/errors.js';

export const LOCK_FILE = 'tiepdan.lock';

export interface LockInfo {
  pid: number;
  /** "service" for `npm start`, "cli" for a command. */
  role: 'service' | 'cli';
  startedAt: string;
  /**
   * Boot id and start time of the holder (Linux): a pid alone may belong to another process after a restart
   * (containers hand out the same small pids every time), which must not keep the folder locked.
   */
  processId?: string;
  /** Set by the service once it listens: the CLI forwards commands to http://127.0.0.1:<port>/admin/cli. */
  port?: number;
  /** Secret the CLI presents to the admin route; the file is readable by its owner only. */
  adminToken?: string;
}

export interface DataDirLock {
  info: LockInfo;
  /** Records the listening port and a fresh admin token in the lock file. */
  advertise(port: number): Promise<LockInfo>;
  release(): Promise<void>;
}

interface ProcState {
  isZombie: boolean;
  /** "<boot id>:<start time in clock ticks>", which no other process shares. */
  processId: string;
}

let bootId: Promise<string> | undefined;

/** What /proc says about a process; undefined where there is no /proc (not Linux) or the process is gone. */
async function procState(pid: number): Promise<ProcState | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const afterName = stat.lastIndexOf(')');
  if (afterName < 0) return undefined;
  // the fields after the name start at field 3 (state); field 22 is the start time
  const fields = stat.slice(afterName + 2).split(' ');
  bootId ??= readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
    (id) => id.trim(),
    () => '',
  );
  return { isZombie: fields[0] === 'Z', processId: `${await bootId}:${fields[19] ?? ''}` };
}

/** A process's boot id and start time, as a reader of the lock checks them (Linux only). */
export async function processIdOf(pid: number): Promise<string | undefined> {
  return (await procState(pid))?.processId;
}

/**
 * The holder is alive when signal 0 reaches it, it is not a zombie (a killed process whose parent died too stays
 * one until something reaps it, and containers often run without an init that does), and — where the lock
 * recorded it — it is the same process, not another that got the pid after a restart.
 */
async function isAlive(info: LockInfo): Promise<boolean> {
  const pid = info.pid;
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const state = await procState(pid);
  if (!state) return true;
  if (state.isZombie) return false;
  return info.processId === undefined || info.processId === state.processId;
}

/** The holder of the lock, when a live process holds it. */
export async function readDataDirLock(dataDir: string): Promise<LockInfo | undefined> {
  try {
    const info = JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8')) as LockInfo;
    return info.pid !== process.pid && (await isAlive(info)) ? info : undefined;
  } catch {
    return undefined;
  }
}

async function writeLock(file: string, info: LockInfo, exclusive: boolean): Promise<void> {
  const handle = await open(file, exclusive ? 'wx' : 'w', 0o600);
  try {
    await handle.writeFile(JSON.stringify(info));
  } finally {
    await handle.close();
  }
}

/**
 * Takes the folder for this process. A lock left by a dead process is taken over; a live holder is refused
 * with a Vietnamese message that says what to do.
 */
export async function acquireDataDirLock(dataDir: string, role: LockInfo['role']): Promise<DataDirLock> {
  const file = path.join(dataDir, LOCK_FILE);
  const info: LockInfo = {
    pid: process.pid,
    role,
    startedAt: new Date().toISOString(),
    processId: await processIdOf(process.pid),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeLock(file, info, true);
      let released = false;
      return {
        info,
        async advertise(port) {
          info.port = port;
          info.adminToken = randomBytes(24).toString('base64url');
          await writeFile(file, JSON.stringify(info), { mode: 0o600 });
          return info;
        },
        async release() {
          if (released) return;
          released = true;
          const current = await readFile(file, 'utf8').catch(() => '');
          if (current.includes(`"pid":${process.pid},`)) await rm(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await readDataDirLock(dataDir);
      if (holder) {
        throw new AppError('CONFLICT', `Data folder ${dataDir} is in use by pid ${holder.pid} (${holder.role})`, {
          userMessage:
            holder.role === 'service'
              ? `Thư mục dữ liệu ${dataDir} đang được dịch vụ tiepdan (pid ${holder.pid}) sử dụng. Cơ sở dữ liệu nhúng chỉ cho một tiến trình: hãy chạy lệnh khi dịch vụ đang chạy (lệnh sẽ được chuyển cho dịch vụ), dừng dịch vụ, hoặc dùng PostgreSQL (DATABASE_URL).`
              : `Thư mục dữ liệu ${dataDir} đang được một lệnh tiepdan khác (pid ${holder.pid}) sử dụng. Vui lòng chờ lệnh đó xong rồi thử lại.`,
          details: { pid: holder.pid, role: holder.role },
        });
      }
      // stale lock from a process that died (e.g. SIGKILL): take it over
      await rm(file, { force: true });
    }
  }
  throw new AppError('CONFLICT', `Could not take the lock on ${dataDir}`, {
    userMessage: `Không khóa được thư mục dữ liệu ${dataDir}. Vui lòng thử lại.`,
  });
}

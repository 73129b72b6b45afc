// The data folder holds residents' personal data (the embedded database, its WAL, the search snapshot): only the
// account that runs tiepdan may read it, as PostgreSQL demands of its own data folder (700, files 600).
import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

/** What the service and the CLI set at start: every file they create is theirs alone (600, folders 700). */
export const PRIVATE_UMASK = 0o077;

export interface SecureDataDirResult {
  /** Files and folders whose modes were too open and were repaired. */
  repaired: number;
  /** Entries that could not be repaired (owned by another account), by path relative to the folder. */
  failed: string[];
}

const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * Creates `dataDir` (700) if needed and takes away every group and other permission inside it: folders 700,
 * files 600. Symbolic links are left alone (their target is not ours to change). Fast on a folder already in
 * order: one lstat per entry and no writes.
 */
export async function secureDataDir(dataDir: string): Promise<SecureDataDirResult> {
  await mkdir(dataDir, { recursive: true, mode: FOLDER_MODE });
  const result: SecureDataDirResult = { repaired: 0, failed: [] };
  const visit = async (entry: string): Promise<void> => {
    const stat = await lstat(entry).catch(() => undefined);
    if (!stat || stat.isSymbolicLink()) return;
    const mode = stat.mode & 0o777;
    if ((mode & 0o077) !== 0) {
      // files lose only the group and other bits (one the owner made read-only stays read-only)
      const next = stat.isDirectory() ? FOLDER_MODE : mode & 0o700 || FILE_MODE;
      try {
        await chmod(entry, next);
        result.repaired++;
      } catch {
        result.failed.push(path.relative(dataDir, entry) || '.');
      }
    }
    if (stat.isDirectory()) {
      const names = await readdir(entry).catch(() => [] as string[]);
      for (const name of names) await visit(path.join(entry, name));
    }
  };
  await visit(dataDir);
  return result;
}

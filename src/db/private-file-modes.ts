// Keeps the embedded database's files private. PGlite's WebAssembly file system (Emscripten's NODEFS) creates every
// file and then chmods it to the mode Postgres asked of its virtual file system, 666 — whatever the process umask
// is — and makes folders 777 less the umask. Inside a private folder those chmods and mkdirs lose their group and
// other bits, so every new file (WAL segments included) is 600 and every folder 700 from the moment it exists.
import fs from 'node:fs';
import path from 'node:path';

const privateRoots = new Set<string>();
let installed = false;

function isPrivatePath(file: fs.PathLike): boolean {
  const absolute = path.resolve(String(file));
  for (const root of privateRoots) if (absolute === root || absolute.startsWith(root + path.sep)) return true;
  return false;
}

/** A descriptor's path, through /proc where there is one; without /proc every descriptor counts as private. */
function isPrivateDescriptor(fd: number): boolean {
  try {
    return isPrivatePath(fs.readlinkSync(`/proc/self/fd/${fd}`));
  } catch {
    return true;
  }
}

function ownerOnly(mode: fs.Mode): number {
  const numeric = typeof mode === 'string' ? Number.parseInt(mode, 8) : mode;
  return numeric & ~0o077;
}

/**
 * From now on, chmods and mkdirs by anything in this process inside `folder` keep only the owner's bits. Installed
 * once per process (it wraps `fs.chmodSync`, `fs.fchmodSync` and `fs.mkdirSync`, the calls NODEFS makes); other
 * paths are untouched.
 */
export function keepFilesPrivate(folder: string): void {
  privateRoots.add(path.resolve(folder));
  if (installed) return;
  installed = true;
  const { chmodSync, fchmodSync, mkdirSync } = fs;
  Object.assign(fs, {
    mkdirSync(folder: fs.PathLike, options?: fs.Mode | fs.MakeDirectoryOptions | null) {
      if (!isPrivatePath(folder)) return mkdirSync(folder, options as fs.MakeDirectoryOptions);
      const asked = typeof options === 'object' && options !== null ? options : { mode: options ?? 0o777 };
      return mkdirSync(folder, { ...asked, mode: ownerOnly(asked.mode ?? 0o777) } as fs.MakeDirectoryOptions);
    },
    chmodSync(file: fs.PathLike, mode: fs.Mode): void {
      chmodSync(file, isPrivatePath(file) ? ownerOnly(mode) : mode);
    },
    fchmodSync(fd: number, mode: fs.Mode): void {
      fchmodSync(fd, isPrivateDescriptor(fd) ? ownerOnly(mode) : mode);
    },
  });
}

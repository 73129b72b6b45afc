// Expands the paths given to `kb add` into the files to load: folders recurse, in a stable order,
// skipping what is not knowledge (synonyms.txt, README.md, the aliases/ folder of sample questions, names
// starting with "_" or ".").
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { IngestFailure } from '../types.js';

// aliases/ holds sample questions that point at documents; it is read by the search index, never indexed itself
const SKIPPED_NAMES = new Set(['synonyms.txt', 'off-domain.txt', 'readme.md', 'aliases']);

/** Files inside a folder that are not knowledge documents. Files named explicitly are always loaded. */
export function isSkippedInFolder(name: string): boolean {
  return name.startsWith('_') || name.startsWith('.') || SKIPPED_NAMES.has(name.toLowerCase());
}

async function walk(folder: string, out: string[]): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (isSkippedInFolder(entry.name)) continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) await walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
}

/** Absolute file paths (deduplicated, in the order given, folders sorted) and the paths that do not exist. */
export async function collectFiles(
  paths: string[],
  root: string,
): Promise<{ files: string[]; failures: IngestFailure[] }> {
  const files: string[] = [];
  const failures: IngestFailure[] = [];
  for (const given of paths) {
    const absolute = path.resolve(root, given);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(absolute);
    } catch {
      failures.push({ path: given, reason: 'không tìm thấy tệp hoặc thư mục' });
      continue;
    }
    if (info.isDirectory()) await walk(absolute, files);
    else files.push(absolute);
  }
  return { files: [...new Set(files)], failures };
}

/** The path stored for a document: relative to the import root, with forward slashes. */
export function toSourcePath(absolute: string, root: string): string {
  const relative = path.relative(root, absolute);
  return (relative === '' ? path.basename(absolute) : relative).split(path.sep).join('/');
}

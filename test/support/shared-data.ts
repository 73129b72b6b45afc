// Where the read-only shared material lives (../shared next to the repository, or TIEPDAN_SHARED_DIR).
// Eval data is read from there, never copied into the repository.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DIR = path.resolve(process.env.TIEPDAN_SHARED_DIR ?? path.join(REPO_ROOT, '../shared'));
export const EVAL_DATA_DIR = path.join(SHARED_DIR, 'eval-data');
export const hasSharedData = existsSync(EVAL_DATA_DIR);

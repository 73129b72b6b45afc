// `npm run bench [-- name…]`: runs every bench/suites/*.ts that exports run(), or only the named ones.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const suitesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'suites');
const wanted = process.argv.slice(2);
const files = (await readdir(suitesDir)).filter((f) => f.endsWith('.ts')).sort();
let failed = false;
for (const file of files) {
  const name = file.replace(/\.ts$/, '');
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const suite = (await import(pathToFileURL(path.join(suitesDir, file)).href)) as { run?: () => Promise<void> };
  if (typeof suite.run !== 'function') continue;
  try {
    await suite.run();
  } catch (error) {
    failed = true;
    process.stderr.write(
      `bench ${name} thất bại: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
}
process.exit(failed ? 1 : 0);

// collectGarbage hands dead objects' memory back when Node runs with --expose-gc (as `npm start` does), and is a
// harmless no-op otherwise.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/shared/collect-garbage.js';
import { REPO_ROOT } from '../support/shared-data.js';

const run = promisify(execFile);

// 200 MB of short strings in arrays, dropped, then measured before and after collectGarbage()
const SCRIPT = `
import { collectGarbage } from ${JSON.stringify(path.join(REPO_ROOT, 'src/shared/collect-garbage.ts'))};
let junk = Array.from({ length: 200 }, (_, i) => Array.from({ length: 20000 }, (_, j) => 'x'.repeat(20) + i + ':' + j));
junk = null;
const before = process.memoryUsage().heapUsed;
collectGarbage();
const after = process.memoryUsage().heapUsed;
console.log(JSON.stringify({ before, after }));
`;

async function heapAround(flags: string[]): Promise<{ before: number; after: number }> {
  const { stdout } = await run(process.execPath, [...flags, '--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
    cwd: REPO_ROOT,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string);
}

describe('collectGarbage', () => {
  it('frees dead objects when gc is exposed', async () => {
    const { before, after } = await heapAround(['--expose-gc']);
    expect(before - after).toBeGreaterThan(100 * 1024 * 1024);
  });

  it('does nothing, and does not throw, without --expose-gc', async () => {
    expect(() => collectGarbage()).not.toThrow();
    const { before, after } = await heapAround([]);
    expect(Math.abs(before - after)).toBeLessThan(10 * 1024 * 1024);
  });
});

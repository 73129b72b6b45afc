// Property-based: any file under any name `kb add` understands (random bytes, broken JSON, records and pages with
// NUL, lone surrogates and control characters, fake PDF and Word headers) is loaded or named as a failure with a
// Vietnamese reason, never a crash; what is loaded and stored holds only clean strings.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/index.js';
import { loadDocuments } from '../../../src/knowledge/index.js';
import { createTestDatabase } from '../../support/database.js';
import { scanDatabase } from '../../support/fuzz/clean.js';
import { kbLoaderProperty, kbStoreProperty } from '../../support/fuzz/properties.js';

let dir: string;
let db: Database;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-kb-fuzz-'));
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('kb add loaders, fuzzed', () => {
  it('text, Markdown, HTML, JSON and JSONL: loaded clean or refused with a reason', async () => {
    await fc.assert(kbLoaderProperty(path.join(dir, 'text'), ['.txt', '.md', '.html', '.json', '.jsonl']), {
      numRuns: 300,
    });
  });

  it('PDF and Word: broken files are refused with a reason', async () => {
    await fc.assert(kbLoaderProperty(path.join(dir, 'binary'), ['.pdf', '.docx']), { numRuns: 40 });
  });

  it('into the real knowledge store: never throws, and nothing unclean is stored', async () => {
    await fc.assert(kbStoreProperty(db, path.join(dir, 'store'), ['.txt', '.md', '.html', '.json', '.jsonl']), {
      numRuns: 60,
    });
    expect(await db.prisma.document.count()).toBeGreaterThan(0);
    expect(await scanDatabase(db)).toEqual([]);
  });
});

describe('what the fuzzing found', () => {
  it('a record with a C1 control, a non-character and a "\\ud800" escape is loaded with clean strings', async () => {
    const folder = path.join(dir, 'found');
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, 'record.jsonl');
    // JSON.stringify writes the lone surrogate as the escape "\ud800", as a tool exporting broken text would
    const line = JSON.stringify({
      code: 'QD-1\u0085',
      title: 'Quyết định\uFFFE số 1\uD800',
      text: 'Điều 1.\u009F Nội dung.',
    });
    await writeFile(file, `${line}\n`);
    const { documents, failures } = await loadDocuments([file], { root: folder });
    expect(failures).toEqual([]);
    expect(documents[0]).toMatchObject({ code: 'QD-1', title: 'Quyết định số 1\uFFFD' });
    expect(documents[0]?.chunks.map((c) => c.text).join('\n')).toContain('Điều 1. Nội dung.');
  });
});

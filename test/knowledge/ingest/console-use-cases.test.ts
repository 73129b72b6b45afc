// The use cases behind the console's knowledge base pages: an uploaded file joins only when read whole (a broken or
// unsupported one changes nothing, not even an earlier upload of the same name), and synonyms.txt is replaced only
// by a text without a bad line, atomically.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkSynonyms,
  createMemoryKnowledgeStore,
  listDocuments,
  safeUploadName,
  saveSynonyms,
  uploadDocument,
} from '../../../src/knowledge/ingest/index.js';
import type { KnowledgeStore } from '../../../src/knowledge/types.js';
import { toAppError } from '../../../src/shared/errors.js';
import { REPO_ROOT } from '../../support/shared-data.js';

const MIXED = path.join(REPO_ROOT, 'test/fixtures/knowledge/mixed');
let root: string;
let store: KnowledgeStore;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tiepdan-kb-console-'));
  store = createMemoryKnowledgeStore();
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  return toAppError(error);
}

describe('uploadDocument', () => {
  const uploadsDir = () => path.join(root, 'knowledge', 'tai-len');

  it('adds a file read whole and keeps it in the uploads folder, with a path relative to the root', async () => {
    const result = await uploadDocument({
      store,
      uploadsDir: uploadsDir(),
      root,
      fileName: 'C:\\Users\\cb\\Desktop\\huong-dan-nop-truc-tuyen.docx',
      bytes: await readFile(path.join(MIXED, 'huong-dan-nop-truc-tuyen.docx')),
    });
    expect(result).toMatchObject({
      added: 1,
      codes: ['27/HD-UBND'],
      sourcePath: 'knowledge/tai-len/huong-dan-nop-truc-tuyen.docx',
    });
    expect((await listDocuments({ store })).map((d) => d.sourcePath)).toEqual([
      'knowledge/tai-len/huong-dan-nop-truc-tuyen.docx',
    ]);
    expect(await readdir(uploadsDir())).toEqual(['huong-dan-nop-truc-tuyen.docx']);
  });

  it('refuses a broken file with its reason and leaves an earlier upload of the same name as it was', async () => {
    const good = await readFile(path.join(MIXED, 'quyet-dinh-15.pdf'));
    await uploadDocument({ store, uploadsDir: uploadsDir(), root, fileName: 'van-ban.pdf', bytes: good });
    const before = await listDocuments({ store });
    const error = await refusal(
      uploadDocument({
        store,
        uploadsDir: uploadsDir(),
        root,
        fileName: 'van-ban.pdf',
        bytes: await readFile(path.join(MIXED, 'hong.pdf')),
      }),
    );
    expect(error.code).toBe('INGEST_FAILED');
    expect(error.userMessage).toMatch(/^Không nạp tệp "van-ban\.pdf": tệp PDF hỏng.*Cơ sở tri thức giữ nguyên\.$/);
    expect(await listDocuments({ store })).toEqual(before);
    expect(await readFile(path.join(uploadsDir(), 'van-ban.pdf'))).toEqual(good);
    // no staging folder left behind
    expect(await readdir(uploadsDir())).toEqual(['van-ban.pdf']);
  });

  it('refuses empty and unsupported files', async () => {
    expect(
      (
        await refusal(
          uploadDocument({ store, uploadsDir: uploadsDir(), root, fileName: 'a.txt', bytes: new Uint8Array() }),
        )
      ).userMessage,
    ).toBe('Tệp rỗng: không có nội dung để nạp.');
    const exe = await refusal(
      uploadDocument({ store, uploadsDir: uploadsDir(), root, fileName: 'a.exe', bytes: new Uint8Array([77, 90]) }),
    );
    expect(exe.code).toBe('UNSUPPORTED_FORMAT');
    expect(await listDocuments({ store })).toEqual([]);
  });

  it('keeps only a safe last path part of the name the browser sent', () => {
    expect(safeUploadName('../../etc/x.md')).toBe('x.md');
    expect(safeUploadName('..\\a\\.ẩn.TXT')).toBe('ẩn.txt');
    expect(safeUploadName('.md')).toBe('tai-lieu.md');
    expect(safeUploadName('a<b>\u0000"c".txt')).toBe('abc.txt');
  });
});

describe('saveSynonyms', () => {
  it('names every bad line in Vietnamese and leaves the file as it was', async () => {
    const file = path.join(root, 'synonyms.txt');
    await writeFile(file, 'UBND = ủy ban nhân dân\n');
    const error = await refusal(
      saveSynonyms({ file, text: '# ghi chú\nthẻ xanh\nsổ đỏ =>\nA ~> B ~> C\nx\u0007 = y\n' }),
    );
    expect(error.code).toBe('BAD_INPUT');
    expect(error.details?.problems).toEqual([
      { line: 2, message: 'thiếu "=>" (một chiều) hoặc "=" (tương đương)' },
      { line: 3, message: 'cần cụm từ ở cả hai bên dấu "=>"' },
      { line: 4, message: 'cần đúng một dấu "~>" và cụm từ ở cả hai bên' },
      { line: 5, message: 'có ký tự điều khiển không in được' },
    ]);
    expect(await readFile(file, 'utf8')).toBe('UBND = ủy ban nhân dân\n');
  });

  it('writes a valid text (CRLF and decomposed accents normalised) and returns before and after', async () => {
    const file = path.join(root, 'synonyms.txt');
    await writeFile(file, 'UBND = ủy ban nhân dân\n');
    const typed = 'UBND = ủy ban nhân dân\r\nsổ đỏ => giấy chứng nhận'.normalize('NFD');
    const result = await saveSynonyms({ file, text: typed });
    expect(result).toEqual({
      before: 'UBND = ủy ban nhân dân\n',
      after: 'UBND = ủy ban nhân dân\nsổ đỏ => giấy chứng nhận\n',
      changed: true,
      rules: 3,
    });
    expect(await readFile(file, 'utf8')).toBe(result.after);
    expect(await readdir(root)).toEqual(['synonyms.txt']);
    expect((await saveSynonyms({ file, text: result.after })).changed).toBe(false);
  });

  it('accepts the shipped synonyms file as it is', async () => {
    expect(checkSynonyms(await readFile(path.join(REPO_ROOT, 'knowledge/synonyms.txt'), 'utf8'))).toEqual([]);
  });
});

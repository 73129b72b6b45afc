// Use case: a file uploaded by staff (the console) joins the knowledge base as `kb add` would take it. The file is
// read in a staging folder first; only a file read whole is moved into the uploads folder and added, so a broken
// upload changes nothing (not even an earlier file of the same name).
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import type { KnowledgeStore } from '../types.js';
import { type AddDocumentsResult, addDocuments } from './add-documents.js';
import { loadDocuments, SUPPORTED_EXTENSIONS } from './load-documents.js';

export interface UploadDocumentOptions {
  store: KnowledgeStore;
  /** The folder uploads are kept in (knowledge/tai-len): `kb reindex` reads them again from there. */
  uploadsDir: string;
  /** The folder stored source paths are relative to, as for `kb add`. */
  root: string;
  /** The name the browser sent. */
  fileName: string;
  bytes: Uint8Array;
}

export interface UploadDocumentResult extends AddDocumentsResult {
  /** Where the file is kept, relative to `root`. */
  sourcePath: string;
  /** The documents the file holds. */
  codes: string[];
}

const MAX_NAME_CHARS = 120;

/** A safe file name: the last path part, no control or reserved characters, a supported extension kept. */
export function safeUploadName(given: string): string {
  const base = (given.normalize('NFC').split(/[\\/]/).pop() ?? '').replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '').trim();
  // not path.extname, which sees no extension in ".md"
  const ext = (/\.[^.]*$/.exec(base)?.[0] ?? '').toLowerCase();
  if (!SUPPORTED_EXTENSIONS.includes(ext))
    throw new AppError('UNSUPPORTED_FORMAT', `upload of unsupported extension ${ext}`, {
      userMessage: `Định dạng tệp chưa được hỗ trợ. Chỉ nhận: ${SUPPORTED_EXTENSIONS.join(', ')}.`,
    });
  let stem = base
    .slice(0, base.length - ext.length)
    .replace(/\s+/g, ' ')
    .replace(/^[._\s-]+/, '');
  if (stem === '') stem = 'tai-lieu';
  return `${stem.slice(0, MAX_NAME_CHARS)}${ext}`;
}

export async function uploadDocument(options: UploadDocumentOptions): Promise<UploadDocumentResult> {
  const name = safeUploadName(options.fileName);
  if (options.bytes.byteLength === 0)
    throw new AppError('BAD_INPUT', 'empty upload', { userMessage: 'Tệp rỗng: không có nội dung để nạp.' });
  await mkdir(options.uploadsDir, { recursive: true });
  // a folder starting with "." is skipped when knowledge/ is indexed, so a staged file is never read as knowledge
  const staging = path.join(options.uploadsDir, `.dang-tai-${randomBytes(8).toString('hex')}`);
  await mkdir(staging);
  try {
    const staged = path.join(staging, name);
    await writeFile(staged, options.bytes, { flag: 'wx' });
    const loaded = await loadDocuments([staged], { root: staging });
    if (loaded.failures.length > 0 || loaded.documents.length === 0) {
      const reasons = loaded.failures.map((f) => f.reason);
      throw new AppError('INGEST_FAILED', `upload ${name} not readable (${loaded.failures.length} failures)`, {
        userMessage:
          reasons.length > 0
            ? `Không nạp tệp "${name}": ${reasons.slice(0, 5).join('; ')}. Cơ sở tri thức giữ nguyên.`
            : `Không nạp tệp "${name}": không tìm thấy nội dung văn bản trong tệp. Cơ sở tri thức giữ nguyên.`,
      });
    }
    const target = path.join(options.uploadsDir, name);
    await rename(staged, target);
    const result = await addDocuments({ store: options.store, paths: [target], root: options.root });
    return {
      ...result,
      sourcePath: path.relative(options.root, target).split(path.sep).join('/'),
      codes: loaded.documents.map((d) => d.code),
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

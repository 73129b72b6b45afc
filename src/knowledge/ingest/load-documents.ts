// Reads files and folders into document drafts, one loader per format; a bad file becomes a named
// failure and never stops the others.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { toAppError } from '../../shared/errors.js';
import type { DocumentDraft, IngestFailure, LoadDocumentsResult } from '../types.js';
import { collectFiles, toSourcePath } from './collect-files.js';
import { loadJsonlFile } from './loaders/jsonl.js';
import { loadMarkdownFile } from './loaders/markdown.js';
import { loadJsonFile } from './loaders/procedure-json.js';
import { loadTextFile } from './loaders/text.js';
import type { Loader } from './source-file.js';
import { storableDraft } from './storable-draft.js';

// PDF, Word and HTML libraries load only when such a file is met: every CLI command and the service import
// this module, and most never read those formats.
const LOADERS: Record<string, () => Promise<Loader>> = {
  '.txt': async () => loadTextFile,
  '.md': async () => loadMarkdownFile,
  '.markdown': async () => loadMarkdownFile,
  '.html': async () => (await import('./loaders/html.js')).loadHtmlFile,
  '.htm': async () => (await import('./loaders/html.js')).loadHtmlFile,
  '.pdf': async () => (await import('./loaders/pdf.js')).loadPdfFile,
  '.docx': async () => (await import('./loaders/docx.js')).loadDocxFile,
  '.json': async () => loadJsonFile,
  '.jsonl': async () => loadJsonlFile,
  '.ndjson': async () => loadJsonlFile,
};

/** Extensions `kb add` understands. */
export const SUPPORTED_EXTENSIONS = Object.keys(LOADERS);

export interface LoadDocumentsOptions {
  /** Folder that relative paths are resolved against and stored relative to (default: the working directory). */
  root?: string;
  /** Called after each file: files done, files in all, the file just read (its stored path). */
  onProgress?: (done: number, total: number, file: string) => void;
}

/**
 * Loads every file under `paths` (folders recurse) into drafts ready for a KnowledgeStore.
 * Never throws for bad input: unreadable, corrupt or unsupported files are listed in `failures`.
 */
export async function loadDocuments(paths: string[], options: LoadDocumentsOptions = {}): Promise<LoadDocumentsResult> {
  const root = path.resolve(options.root ?? process.cwd());
  const { files, failures } = await collectFiles(paths, root);
  const documents: DocumentDraft[] = [];
  const seen = new Map<string, string>();
  for (let i = 0; i < files.length; i++) {
    const absolutePath = files[i] as string;
    const sourcePath = toSourcePath(absolutePath, root);
    const result = await loadFile(absolutePath, sourcePath);
    failures.push(...result.failures);
    for (const document of result.documents) {
      const earlier = seen.get(document.code);
      if (earlier !== undefined) {
        failures.push({
          path: sourcePath,
          reason: `mã ${document.code} trùng với tài liệu ở ${earlier}; chỉ giữ tài liệu đầu tiên`,
        });
        continue;
      }
      seen.set(document.code, sourcePath);
      documents.push(document);
    }
    options.onProgress?.(i + 1, files.length, sourcePath);
  }
  return { documents, failures };
}

async function loadFile(absolutePath: string, sourcePath: string): Promise<LoadDocumentsResult> {
  const extension = path.extname(absolutePath).toLowerCase();
  const loaderFor = LOADERS[extension];
  if (!loaderFor) {
    return {
      documents: [],
      failures: [{ path: sourcePath, reason: `định dạng chưa hỗ trợ (${extension || 'không có phần mở rộng'})` }],
    };
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(absolutePath);
  } catch (error) {
    return {
      documents: [],
      failures: [{ path: sourcePath, reason: `không đọc được tệp (${(error as Error).message})` }],
    };
  }
  try {
    const loader = await loaderFor();
    const loaded = await loader({ absolutePath, sourcePath, extension, bytes });
    // whatever the file held (NUL, C1 controls, "\ud800" escapes), only storable strings go on
    const documents: DocumentDraft[] = [];
    const failures = [...loaded.failures];
    for (const draft of loaded.documents) {
      const storable = storableDraft(draft);
      if ('reason' in storable) failures.push(storable);
      else documents.push(storable);
    }
    return { documents, failures };
  } catch (error) {
    // A loader bug or a library crash on strange input must not stop the import.
    const failure: IngestFailure = { path: sourcePath, reason: `lỗi khi đọc tệp: ${toAppError(error).message}` };
    return { documents: [], failures: [failure] };
  }
}

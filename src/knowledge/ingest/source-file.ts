// What every format loader receives and returns, plus the small text helpers they share.
import { createHash } from 'node:crypto';
import type { DocumentDraft, IngestFailure } from '../types.js';

export { cleanText, oneLine } from '../chunk/clean-text.js';

/** One file to load: where it is on disk and how it is named in the knowledge base. */
export interface SourceFile {
  /** Absolute path, for reading. */
  absolutePath: string;
  /** Path relative to the import root (forward slashes), stored as `sourcePath` and shown in reports. */
  sourcePath: string;
  /** Lower-case extension with its dot: ".json", ".txt"… */
  extension: string;
  bytes: Buffer;
}

export interface LoadedFile {
  documents: DocumentDraft[];
  failures: IngestFailure[];
}

/** A format loader: never throws for bad content; unreadable input becomes a failure. */
export type Loader = (file: SourceFile) => Promise<LoadedFile>;

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The file's text, or a failure when its bytes are not UTF-8 (a file saved as Windows-1258, TCVN3 or UTF-16
 * would otherwise be imported with a garbled title and text that no question matches).
 */
export function decodeUtf8(file: SourceFile): { text: string } | LoadedFile {
  try {
    return { text: STRICT_UTF8.decode(file.bytes) };
  } catch {
    return failed(
      file,
      'không phải văn bản UTF-8 (có thể là Windows-1258, TCVN3 hoặc UTF-16); hãy lưu lại tệp với mã hoá UTF-8 rồi thêm lại',
    );
  }
}

/** A failure for a whole file, with the reason people read. */
export function failed(file: Pick<SourceFile, 'sourcePath'>, reason: string): LoadedFile {
  return { documents: [], failures: [{ path: file.sourcePath, reason }] };
}

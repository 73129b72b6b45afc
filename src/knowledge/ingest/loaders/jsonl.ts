// Loader for JSONL corpora: one {code, title, text, url?} object per line, each line its own document.
import { chunkByHeadings } from '../../chunk/heading-chunks.js';
import type { DocumentDraft, IngestFailure } from '../../types.js';
import { guessKind } from '../detect-code.js';
import { cleanText, type Loader, oneLine, sha256 } from '../source-file.js';

const REQUIRED = ['code', 'title', 'text'] as const;
const KINDS = new Set(['procedure', 'legal', 'plan', 'text']);

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? oneLine(value) : undefined;
}

export const loadJsonlFile: Loader = async (file) => {
  const documents: DocumentDraft[] = [];
  const failures: IngestFailure[] = [];
  const lines = file.bytes.toString('utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const where = `${file.sourcePath}:${i + 1}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      failures.push({ path: where, reason: 'dòng không phải JSON hợp lệ' });
      continue;
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      failures.push({ path: where, reason: 'dòng phải là một đối tượng JSON {code, title, text}' });
      continue;
    }
    const r = record as Record<string, unknown>;
    const missing = REQUIRED.filter((key) => optionalString(r[key]) === undefined);
    if (missing.length > 0) {
      failures.push({ path: where, reason: `thiếu trường bắt buộc: ${missing.join(', ')}` });
      continue;
    }
    const code = oneLine(r.code as string);
    const title = oneLine(r.title as string);
    const text = cleanText(r.text as string);
    const chunks = chunkByHeadings(text, { rootSection: title });
    if (chunks.length === 0) {
      failures.push({ path: where, reason: 'trường text không có nội dung' });
      continue;
    }
    const statedKind = optionalString(r.kind);
    documents.push({
      code,
      title,
      kind: statedKind && KINDS.has(statedKind) ? (statedKind as DocumentDraft['kind']) : guessKind({ code, title }),
      issuer: optionalString(r.issuer),
      issuedDate: optionalString(r.issuedDate ?? r.issued_date),
      field: optionalString(r.field),
      url: optionalString(r.url),
      sourcePath: file.sourcePath,
      contentHash: sha256(line),
      meta: { format: 'jsonl', line: i + 1 },
      chunks,
    });
  }
  if (documents.length === 0 && failures.length === 0) {
    failures.push({ path: file.sourcePath, reason: 'tệp JSONL trống' });
  }
  return { documents, failures };
};

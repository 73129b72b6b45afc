// The last step of every loader's output: each string made storable and readable, whatever the file held.
import type { DocumentDraft, IngestFailure } from '../types.js';

// C0 controls but tab and line feed, DEL, C1 controls (a PDF's or a converted file's U+0085…), non-characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Lone surrogates (a JSON "\ud800" escape, broken text) become U+FFFD, control characters go. PostgreSQL refuses
 * NUL anywhere and lone surrogates in JSON columns, and neither helps a resident reading an answer.
 */
export function storableText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '');
}

function storableValue(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableValue);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableValue(v)]));
  return value;
}

const optional = (value: string | undefined) => (value === undefined ? undefined : storableText(value));

/**
 * The draft with every string storable, or a failure when its code, title or text was nothing but junk.
 */
export function storableDraft(draft: DocumentDraft): DocumentDraft | IngestFailure {
  const code = storableText(draft.code).trim();
  const title = storableText(draft.title).trim();
  const chunks = draft.chunks
    .map((c) => ({ ...c, section: storableText(c.section), text: storableText(c.text) }))
    .filter((c) => c.text.trim() !== '');
  if (code === '' || title === '' || chunks.length === 0)
    return { path: draft.sourcePath, reason: 'mã, tên hoặc nội dung tài liệu chỉ gồm ký tự không đọc được' };
  return {
    ...draft,
    code,
    title,
    issuer: optional(draft.issuer),
    issuedDate: optional(draft.issuedDate),
    field: optional(draft.field),
    url: optional(draft.url),
    sourcePath: storableText(draft.sourcePath),
    meta: storableValue(draft.meta) as Record<string, unknown>,
    chunks,
  };
}

// Fetches a photo or file a resident sent (Zalo's URL), capped in size and recognised by its content, not its name.
import type { AttachmentStore, StoredAttachment } from './attachment-store.js';

/** Content types taken in, by their first bytes. */
const SIGNATURES: Array<{
  mimeType: string;
  extension: string;
  kind: 'photo' | 'file';
  test: (b: Uint8Array) => boolean;
}> = [
  {
    mimeType: 'image/jpeg',
    extension: 'jpg',
    kind: 'photo',
    test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  {
    mimeType: 'image/png',
    extension: 'png',
    kind: 'photo',
    test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  },
  { mimeType: 'image/gif', extension: 'gif', kind: 'photo', test: (b) => ascii(b, 0, 4) === 'GIF8' },
  {
    mimeType: 'image/webp',
    extension: 'webp',
    kind: 'photo',
    test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP',
  },
  { mimeType: 'application/pdf', extension: 'pdf', kind: 'file', test: (b) => ascii(b, 0, 5) === '%PDF-' },
  // docx, xlsx (zip containers)
  {
    mimeType: 'application/zip',
    extension: 'zip',
    kind: 'file',
    test: (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04,
  },
  // doc, xls (OLE2)
  {
    mimeType: 'application/x-ole-storage',
    extension: 'doc',
    kind: 'file',
    test: (b) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0,
  },
];

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** The recognised type of `bytes`, or undefined (executables, scripts, HTML… are refused). */
export function recogniseContent(bytes: Uint8Array): (typeof SIGNATURES)[number] | undefined {
  return SIGNATURES.find((s) => s.test(bytes));
}

export type DownloadOutcome =
  | { ok: true; stored: StoredAttachment }
  | { ok: false; reason: 'too_large' | 'unrecognised_type' | 'failed' };

/** Streams at most `maxBytes`; anything longer is abandoned, not truncated. */
export async function downloadAttachment(options: {
  url: string;
  maxBytes: number;
  store: AttachmentStore;
  timeoutMs?: number;
}): Promise<DownloadOutcome> {
  const { url, maxBytes, store } = options;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 20_000), redirect: 'follow' });
  } catch {
    return { ok: false, reason: 'failed' };
  }
  if (!response.ok || !response.body) return { ok: false, reason: 'failed' };
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body.cancel().catch(() => undefined);
    return { ok: false, reason: 'too_large' };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too_large' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'failed' };
  }
  const bytes = Buffer.concat(chunks);
  const type = recogniseContent(bytes);
  if (!type) return { ok: false, reason: 'unrecognised_type' };
  const stored = await store.save({ channel: 'zalo', bytes, mimeType: type.mimeType, extension: type.extension });
  return { ok: true, stored };
}

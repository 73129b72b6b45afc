// Fetches a photo or file a resident sent (Zalo's URL, Telegram's file URL), capped in size and recognised by its
// content, not its name; kept through the attachment store.
import { type AttachmentStore, recogniseContent, type StoredAttachment } from './attachments.js';

export type DownloadOutcome =
  | { ok: true; stored: StoredAttachment }
  | { ok: false; reason: 'too_large' | 'unrecognised_type' | 'failed' };

/** Streams at most `maxBytes`; anything longer is abandoned, not truncated. */
export async function downloadAttachment(options: {
  url: string;
  maxBytes: number;
  store: AttachmentStore;
  /** The store's folder for this channel (default zalo). */
  channel?: string;
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
  const stored = await store.save({
    channel: options.channel ?? 'zalo',
    bytes,
    mimeType: type.mimeType,
    extension: type.extension,
  });
  return { ok: true, stored };
}

// Files residents send (photos, documents): the storage port every channel writes to and the console reads, and
// recognising a file by its first bytes (never by its name or declared type).

export interface StoredAttachment {
  /** Reference kept with the message, relative to the store (e.g. "zalo/2026-12/3f…a1.jpg"). */
  ref: string;
  mimeType: string;
  bytes: number;
}

export interface AttachmentStore {
  /** Stores the bytes under a new name; `mimeType` is what the content was recognised as. */
  save(options: { channel: string; bytes: Uint8Array; mimeType: string; extension: string }): Promise<StoredAttachment>;
  /** The bytes of a stored file; undefined for a ref this store did not make, or a file gone. */
  read(ref: string): Promise<Uint8Array | undefined>;
}

/** Refs the store makes: "<channel>/<yyyy-mm>/<32 hex>.<ext>". Anything else is a channel's file id or a URL. */
const STORED_REF = /^[a-z0-9_-]+\/\d{4}-\d{2}\/[0-9a-f]{32}\.[a-z]{2,5}$/i;

export function isStoredRef(ref: string): boolean {
  return STORED_REF.test(ref);
}

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

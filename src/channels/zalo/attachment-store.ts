// Port: where files residents send are kept (DATA_DIR/attachments today; the officer console will read the same).

export interface StoredAttachment {
  /** Reference kept with the message, relative to the store (e.g. "zalo/2026-12/3f…a1.jpg"). */
  ref: string;
  mimeType: string;
  bytes: number;
}

export interface AttachmentStore {
  /** Stores the bytes under a new name; `mimeType` is what the content was recognised as. */
  save(options: { channel: string; bytes: Uint8Array; mimeType: string; extension: string }): Promise<StoredAttachment>;
}

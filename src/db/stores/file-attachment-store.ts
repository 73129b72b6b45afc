// Files residents send, kept in DATA_DIR/attachments/<channel>/<yyyy-mm>/<random>.<ext>, private to the service.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type AttachmentStore, isStoredRef } from '../../channels/shared/index.js';

export function createFileAttachmentStore(root: string): AttachmentStore {
  return {
    async save({ channel, bytes, mimeType, extension }) {
      const month = new Date().toISOString().slice(0, 7);
      const ref = path.posix.join(
        channel.replace(/[^a-z0-9_-]/gi, ''),
        month,
        `${randomBytes(16).toString('hex')}.${extension}`,
      );
      const file = path.join(root, ref);
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await writeFile(file, bytes, { mode: 0o600, flag: 'wx' });
      return { ref, mimeType, bytes: bytes.byteLength };
    },
    async read(ref) {
      // only names this store made: no "..", no absolute path, nothing outside the root
      if (!isStoredRef(ref)) return undefined;
      try {
        return await readFile(path.join(root, ref));
      } catch {
        return undefined;
      }
    },
  };
}

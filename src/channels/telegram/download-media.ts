// Telegram photos and documents fetched when the message arrives: a file id expires for officers, a stored copy does
// not. getFile gives the file's path; the bytes come from <apiRoot>/file/bot<token>/<path>, capped in size and
// recognised by content, then kept in the attachment store; the attachment's ref becomes the stored file's.
// A file that cannot be kept stays a file id (the ticket page says it cannot be shown). The URL holds the bot token:
// it is never logged.
import type { IncomingMessage } from '../../conversation/types.js';
import type { Logger } from '../../shared/logger.js';
import type { AttachmentStore } from '../shared/attachments.js';
import { downloadAttachment } from '../shared/download-attachment.js';
import { type BotApi, callTelegram } from './send.js';

/** The Bot API's own limit for getFile (20 MB). */
const BOT_API_MAX_BYTES = 20 * 1024 * 1024;

export interface TelegramMediaOptions {
  api: BotApi;
  apiRoot: string;
  token: string;
  store: AttachmentStore;
  maxBytes: number;
  logger: Logger;
}

export type MediaDownloader = (message: IncomingMessage) => Promise<IncomingMessage>;

export function createTelegramMediaDownloader(options: TelegramMediaOptions): MediaDownloader {
  const { api, apiRoot, token, store, logger } = options;
  const maxBytes = Math.min(options.maxBytes, BOT_API_MAX_BYTES);
  return async (message) => {
    if (!message.attachments.some((a) => (a.kind === 'photo' || a.kind === 'file') && a.ref)) return message;
    const attachments = await Promise.all(
      message.attachments.map(async (a) => {
        if ((a.kind !== 'photo' && a.kind !== 'file') || !a.ref) return a;
        let filePath: string | undefined;
        try {
          const file = (await callTelegram(api, 'getFile', { file_id: a.ref })) as {
            file_path?: unknown;
            file_size?: unknown;
          };
          if (typeof file.file_size === 'number' && file.file_size > maxBytes) {
            logger.warn({ kind: a.kind, reason: 'too_large' }, 'telegram attachment not kept');
            return a;
          }
          filePath = typeof file.file_path === 'string' ? file.file_path : undefined;
        } catch (error) {
          logger.warn({ kind: a.kind, err: error instanceof Error ? error.name : 'error' }, 'telegram getFile failed');
          return a;
        }
        if (!filePath || filePath.includes('..')) return a;
        const url = `${apiRoot}/file/bot${token}/${filePath.split('/').map(encodeURIComponent).join('/')}`;
        const outcome = await downloadAttachment({ url, maxBytes, store, channel: 'telegram' });
        if (!outcome.ok) {
          logger.warn({ kind: a.kind, reason: outcome.reason }, 'telegram attachment not kept');
          return a;
        }
        return { ...a, ref: outcome.stored.ref, mimeType: outcome.stored.mimeType };
      }),
    );
    return { ...message, attachments };
  };
}

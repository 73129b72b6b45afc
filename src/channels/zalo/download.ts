// Zalo's media download is the shared one (channels/shared/download-attachment.ts), kept under its old name.
export { type DownloadOutcome, downloadAttachment } from '../shared/download-attachment.js';

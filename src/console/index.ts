// Public face of the console: the officers' pages at /admin/ and the officer API at /api/admin/v1.
export { API_PREFIX } from './api/tickets-api.js';
export type { ConsoleDeps, KnowledgeConsoleDeps } from './deps.js';
export { KNOWLEDGE_UPLOAD_MAX_BYTES, KNOWLEDGE_UPLOAD_PATH } from './knowledge/access.js';
export { mountConsole } from './mount.js';

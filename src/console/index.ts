// Public face of the console: the officers' pages at /admin/ and the officer API at /api/admin/v1.
export { API_PREFIX } from './api/tickets-api.js';
export type { ConsoleDeps } from './deps.js';
export { mountConsole } from './mount.js';

// A console on 127.0.0.1 over a fresh embedded database: the real Hono app with the console mounted, the
// accounts and tickets use cases on a settable clock, and a small browser-like client that keeps cookies.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AccountDeps } from '../../src/accounts/index.js';
import type { AttachmentStore } from '../../src/channels/shared/index.js';
import { type ConsoleDeps, mountConsole } from '../../src/console/index.js';
import { PrismaAccountStore } from '../../src/db/stores/account-store.js';
import { createFileAttachmentStore } from '../../src/db/stores/file-attachment-store.js';
import { PrismaRateLimiter } from '../../src/db/stores/ticket-store.js';
import { createHttpApp, listen, type RunningServer } from '../../src/http/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { addTestAccount, TEST_PASSWORD } from '../support/accounts.js';
import { createTicketTestEnv, type TicketTestEnv } from '../tickets/helpers.js';

export interface ConsoleHarness {
  env: TicketTestEnv;
  accounts: AccountDeps;
  server: RunningServer;
  url: string;
  settings: ConsoleDeps['settings'];
  /** Residents' files, in a temporary folder removed at close. */
  attachments: AttachmentStore;
  close(): Promise<void>;
}

export async function startConsole(
  options: { startIso?: string; settings?: Partial<ConsoleDeps['settings']> } = {},
): Promise<ConsoleHarness> {
  const env = await createTicketTestEnv(options.startIso ?? new Date().toISOString());
  const accounts: AccountDeps = {
    store: new PrismaAccountStore(env.db.prisma),
    clock: env.clock,
    unitCodes: env.deps.settings.routing.units.map((u) => u.code),
    rateLimiter: new PrismaRateLimiter(env.db.prisma),
  };
  const settings = {
    requireSecondFactor: false,
    sessionIdleMs: 30 * 60_000,
    sessionMaxMs: 12 * 3_600_000,
    ...options.settings,
  };
  const attachmentDir = await mkdtemp(path.join(tmpdir(), 'tiepdan-console-attachments-'));
  const attachments = createFileAttachmentStore(attachmentDir);
  const app = createHttpApp({
    logger: createLogger({ level: 'silent' }),
    health: async () => ({}),
    mounts: [
      (a) =>
        mountConsole(a, {
          accounts,
          tickets: env.deps,
          outbox: env.outbox,
          attachments,
          settings,
          clientKey: (c) => c.req.header('x-test-address') ?? 'local',
        }),
    ],
  });
  const server = await listen(app, '127.0.0.1', 0);
  const url = `http://127.0.0.1:${server.port}`;
  return {
    env,
    accounts,
    server,
    url,
    settings,
    attachments,
    async close() {
      await server.close();
      await env.close();
      await rm(attachmentDir, { recursive: true, force: true });
    },
  };
}

export { addTestAccount, TEST_PASSWORD };

/** A browser-like client: keeps cookies, does not follow redirects, sends Sec-Fetch-Site like a browser on our pages. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly headers: Record<string, string> = {},
  ) {}

  async request(
    path: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string>; json?: unknown } = {},
  ) {
    const headers: Record<string, string> = {
      'sec-fetch-site': 'same-origin',
      ...this.headers,
      ...init.headers,
    };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await fetch(`${this.base}${path}`, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      const value = rest.join('=');
      if (!name) continue;
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    return response;
  }

  /** The CSRF token of the first form on a page. */
  static csrfOf(html: string): string {
    const match = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!match?.[1]) throw new Error('no CSRF token on the page');
    return match[1];
  }

  /** Signs in through the form; returns the last response. */
  async signIn(login: string, password = TEST_PASSWORD) {
    const response = await this.request('/admin/login');
    // already signed in, the page redirects: the sign-in form's token is still in its cookie
    const csrf =
      response.status === 200 ? Browser.csrfOf(await response.text()) : (this.cookies.get('tiepdan_login_csrf') ?? '');
    return this.request('/admin/login', { form: { _csrf: csrf, login, password } });
  }
}

// Starts the Zalo channel (real client, real stores) against the fake Zalo and an embedded database, behind a real
// HTTP server with POST /zalo/webhook.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import type { ConversationPort } from '../../../src/channels/shared/index.js';
import {
  type HeldAnswers,
  startZalo,
  type ZaloResidentStore,
  type ZaloRuntime,
} from '../../../src/channels/zalo/index.js';
import type { Config } from '../../../src/config/index.js';
import type { Database } from '../../../src/db/index.js';
import { createFileAttachmentStore } from '../../../src/db/stores/file-attachment-store.js';
import {
  createPrismaZaloEventStore,
  createPrismaZaloResidentStore,
  createPrismaZaloTokenStore,
} from '../../../src/db/stores/zalo-store.js';
import { listen, type RunningServer } from '../../../src/http/index.js';
import { createTestDatabase } from '../../support/database.js';
import { type FakeZalo, startFakeZalo, zaloEvents } from '../../support/fake-zalo.js';
import { captureLogger } from './capture-logger.js';

export const APP_ID = '4318237154897602091';
export const APP_SECRET = 'app-secret-Xy7';
export const OA_SECRET_KEY = 'oa-secret-key-Qp9';

export interface ZaloHarness {
  fake: FakeZalo;
  db: Database;
  runtime: ZaloRuntime;
  server: RunningServer;
  webhookUrl: string;
  events: ReturnType<typeof zaloEvents>;
  logs: string[];
  attachmentsDir: string;
  /** Delivers a signed event and waits until the channel has processed it; returns the HTTP status. */
  send(event: Record<string, unknown>): Promise<number>;
  /** Stops the runtime and server (the database and fake stay, for a restart). */
  stopRuntime(): Promise<void>;
  close(): Promise<void>;
}

export function zaloConfig(fake: FakeZalo, overrides: Partial<Config['zalo']> = {}): Config['zalo'] {
  return {
    enabled: true,
    appId: APP_ID,
    appSecret: APP_SECRET,
    oaSecretKey: OA_SECRET_KEY,
    refreshToken: undefined,
    apiBase: fake.url,
    oauthBase: fake.url,
    webhookMaxAgeMs: 86_400_000,
    ratePerUser: 1000,
    rateGlobal: 10_000,
    maxDownloadBytes: 1024 * 1024,
    ...overrides,
  };
}

export async function startZaloHarness(options: {
  handler: ConversationPort;
  db?: Database;
  fake?: FakeZalo;
  zalo?: Partial<Config['zalo']>;
  heldAnswers?: HeldAnswers;
  /** Wraps the real resident store (a port fake that slows or watches it). */
  wrapResidents?: (store: ZaloResidentStore) => ZaloResidentStore;
}): Promise<ZaloHarness> {
  const fake =
    options.fake ?? (await startFakeZalo({ appId: APP_ID, appSecret: APP_SECRET, oaSecretKey: OA_SECRET_KEY }));
  const db = options.db ?? (await createTestDatabase());
  const { logger, lines } = captureLogger();
  const attachmentsDir = await mkdtemp(path.join(os.tmpdir(), 'zalo-attachments-'));
  const refreshToken =
    options.zalo && 'refreshToken' in options.zalo ? options.zalo.refreshToken : fake.issueRefreshToken();
  const app = new Hono();
  const runtime = startZalo({
    zalo: zaloConfig(fake, { ...options.zalo, refreshToken }),
    handler: options.handler,
    tokenStore: createPrismaZaloTokenStore(db.prisma),
    events: createPrismaZaloEventStore({ prisma: db.prisma, pglite: db.pglite }),
    residents: (options.wrapResidents ?? ((store) => store))(
      createPrismaZaloResidentStore({ prisma: db.prisma, pglite: db.pglite }),
    ),
    attachments: createFileAttachmentStore(attachmentsDir),
    heldAnswers: options.heldAnswers,
    logger,
  });
  runtime.mount(app);
  await runtime.tokens.init();
  const server = await listen(app, '127.0.0.1', 0);
  const webhookUrl = `http://127.0.0.1:${server.port}/zalo/webhook`;
  return {
    fake,
    db,
    runtime,
    server,
    webhookUrl,
    events: zaloEvents(APP_ID),
    logs: lines,
    attachmentsDir,
    async send(event) {
      const status = await fake.deliver(webhookUrl, event);
      await runtime.drain();
      return status;
    },
    async stopRuntime() {
      await server.close();
      await runtime.stop();
    },
    async close() {
      await server.close().catch(() => undefined);
      await runtime.stop();
      if (!options.fake) await fake.close();
      if (!options.db) await db.close();
    },
  };
}

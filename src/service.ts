// Composition root: config → database → knowledge → conversation → channels → http.
// main.ts runs it as a process; tests start it in-process on port 0.
import type { Config } from './config/index.js';
import { type Database, openDatabase } from './db/index.js';
import { createHttpApp, listen, type RouteMounter, type RunningServer } from './http/index.js';
import type { Logger } from './shared/logger.js';

export interface Service {
  config: Config;
  db: Database;
  http: RunningServer;
  /** Base URL the service listens on, e.g. http://127.0.0.1:3000 */
  url: string;
  stop(): Promise<void>;
}

export interface StartServiceOptions {
  config: Config;
  logger: Logger;
}

export async function startService({ config, logger }: StartServiceOptions): Promise<Service> {
  const startedAt = Date.now();
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onMigrated: (r) => {
      if (r.applied.length > 0) logger.info({ applied: r.applied }, 'migrations applied');
    },
  });
  const stoppers: Array<() => Promise<void>> = [];
  const mounts: RouteMounter[] = [];

  // ── knowledge ──

  // ── conversation ──

  // ── tickets ──

  // ── channels ──


  const app = createHttpApp({
    logger,
    mounts,
    health: async () => ({ database: db.kind }),
  });
  const http = await listen(app, config.host, config.port);
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${http.port}`;
  logger.info({ url, ms: Date.now() - startedAt }, 'tiepdan ready');

  return {
    config,
    db,
    http,
    url,
    async stop() {
      await http.close();
      for (const stop of stoppers.reverse()) await stop();
      await db.close();
    },
  };
}

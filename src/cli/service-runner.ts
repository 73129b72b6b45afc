// Runs forwarded `tiepdan` command lines inside the service, on the service's own database connection.

import type { Config } from '../config/index.js';
import { applyMigrations, type Database } from '../db/index.js';
import { collectGarbage } from '../shared/collect-garbage.js';
import { type CliContext, type CliOutput, describeDatabase, resolveFrom, withSink } from './context.js';
import { runCli } from './run-cli.js';

export interface ServiceCliRunnerOptions {
  config: Config;
  db: Database;
  /** Called after every command: the service refreshes its search index if the knowledge revision moved. */
  knowledgeChanged: () => Promise<void>;
  /** The service's outbox worker, woken after commands that queue messages. */
  outboxNotifier?: { notify(): void };
}

export function createServiceCliRunner(options: ServiceCliRunnerOptions) {
  // the service's connection, lent to the command: closing it is the service's business
  const lent: Database = { ...options.db, close: async () => undefined };
  /** Runs one command line, writing to `output` as the command writes; resolves to its exit code. */
  return async (
    args: string[],
    cwd: string,
    output: CliOutput,
    forwarded: { stdin?: string | undefined; osUser?: string | undefined } = {},
  ): Promise<number> => {
    const context: CliContext = {
      config: () => options.config,
      openDatabase: async (o) => {
        if (o?.writes)
          output.err(`(Ghi vào cơ sở dữ liệu của dịch vụ đang chạy: ${describeDatabase(options.config)})\n`);
        if (o?.onMigrated) o.onMigrated(await applyMigrations(lent.sql));
        return lent;
      },
      resolvePath: resolveFrom(cwd),
      knowledgeChanged: options.knowledgeChanged,
      inService: true,
      outboxNotifier: options.outboxNotifier,
      // the typist's name as their CLI reported it (the route only accepts the lock file's owner)
      osUser: () => forwarded.osUser ?? 'unknown',
      readStdin: async () => forwarded.stdin ?? '',
    };
    const exitCode = await withSink({ out: (t) => output.out(t), err: (t) => output.err(t), isTTY: false }, () =>
      runCli(args, context),
    );
    // an import's records and drafts are garbage now: free them before the index rebuild reads every chunk
    collectGarbage();
    await options.knowledgeChanged().catch(() => undefined);
    return exitCode;
  };
}

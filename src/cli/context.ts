// What every CLI command receives, and where its output goes. The same commands run in a terminal or,
// when the service holds the embedded database, inside the service (see forward-to-service.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import type { Config } from '../config/index.js';
import type { Database, MigrationResult } from '../db/index.js';

export interface CliContext {
  /** Configuration, read once on first use. */
  config: () => Config;
  /**
   * The configured database. In a terminal it is opened for the command (close it when done); inside the
   * service it is the service's own connection and close() does nothing.
   */
  openDatabase: (options?: {
    onMigrated?: (result: MigrationResult) => void;
    /** The command changes data: the context says which database it writes to. */
    writes?: boolean;
  }) => Promise<Database>;
  /** Resolves a path the user typed against the directory the command was typed in. */
  resolvePath: (p: string) => string;
  /** Tells a running service that the knowledge base changed (refresh its search index now). */
  knowledgeChanged: () => Promise<void>;
  /** True when the command runs inside the service process. */
  inService: boolean;
  /** Inside the service: wakes its outbox worker so an officer's answer leaves at once. */
  outboxNotifier?: { notify(): void } | undefined;
  /** The operating-system user who typed the command (recorded in the audit trail with the account). */
  osUser: () => string;
  /**
   * The command's standard input, read whole once (`--password-stdin`). A forwarded command gets what the CLI
   * process read from its own stdin.
   */
  readStdin: () => Promise<string>;
}

/** Runs `fn` with the configured database open and closes it afterwards, whatever happens. */
export async function withDatabase<T>(context: CliContext, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await context.openDatabase();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** A command's two output streams. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Where print() writes: the terminal, or the response streamed to the CLI that forwarded the command. */
export interface CliSink extends CliOutput {
  /** Whether progress may draw a bar (a real terminal). */
  isTTY: boolean;
  /** Exit code the command asked for (never process.exitCode: inside the service that would be the service's). */
  exitCode?: number;
}

/** The process's own stdout and stderr. */
export const terminal: CliSink = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  get isTTY() {
    return Boolean(process.stderr.isTTY);
  },
};

const sinks = new AsyncLocalStorage<CliSink>();

/** Runs `fn` with its CLI output captured by `sink` (used by the service's admin route). */
export function withSink<T>(sink: CliSink, fn: () => Promise<T>): Promise<T> {
  return sinks.run(sink, fn);
}

export function currentSink(): CliSink {
  return sinks.getStore() ?? terminal;
}

/** Writes a line to stdout (CLI output is for people unless --json). */
export function print(line = ''): void {
  currentSink().out(`${line}\n`);
}

export function printJson(value: unknown): void {
  currentSink().out(`${JSON.stringify(value, null, 2)}\n`);
}

/** Raw text to stdout (CSV and the like). */
export function writeOut(text: string): void {
  currentSink().out(text);
}

/** Sets the command's exit code (e.g. 1 when some files failed, 3 when the audit chain is broken). */
export function setExitCode(code: number): void {
  currentSink().exitCode = code;
}

/** Progress and warnings: stderr, never mixed into --json output. */
export function printErr(line: string): void {
  currentSink().err(`${line}\n`);
}

export function resolveFrom(cwd: string): (p: string) => string {
  return (p) => path.resolve(cwd, p);
}

/** The database a command uses, for people: never the password. */
export function describeDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  if (!config.databaseUrl) return `nhúng (PGlite) tại ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  const schema = url.searchParams.get('schema');
  return `PostgreSQL ${url.hostname}:${url.port || '5432'}${url.pathname}${schema ? ` (schema ${schema})` : ''}`;
}

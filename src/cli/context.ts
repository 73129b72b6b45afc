// What every CLI command receives: lazy access to configuration (read once, on first use).
import type { Config } from '../config/index.js';

export interface CliContext {
  config: () => Config;
}

/** Writes a line to stdout (CLI output is for people unless --json). */
export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

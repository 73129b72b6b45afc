// The `.env` file of the working directory, as the README's .env.example invites: its values apply unless the process
// environment sets the same variable (the environment wins, as with every dotenv loader).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { AppError } from '../shared/errors.js';

export interface EnvWithDotEnv {
  env: Record<string, string | undefined>;
  /** The .env file read, when there was one. */
  file: string | undefined;
}

/** `env` on top of `<cwd>/.env` when that file exists. */
export function withDotEnv(env: Record<string, string | undefined>, cwd: string): EnvWithDotEnv {
  const file = path.join(cwd, '.env');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { env, file: undefined };
    throw new AppError('CONFIG_INVALID', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`, {
      userMessage: `Không đọc được tệp cấu hình ${file}.`,
    });
  }
  const fromFile = parseEnv(text) as Record<string, string>;
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) merged[name] = value;
  return { env: merged, file };
}

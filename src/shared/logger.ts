// Structured logging (pino). Secrets and residents' personal data are redacted by key name.
import { type Logger, pino } from 'pino';

export type { Logger };

/** Keys whose values never reach a log line, at any depth we know of. */
const REDACT_PATHS = [
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'secret',
  'password',
  'phone',
  'fullName',
  'address',
  'authorization',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.apiKey',
  '*.secret',
  '*.password',
  '*.phone',
  '*.fullName',
  '*.address',
  '*.authorization',
  'headers.authorization',
  'headers["x-telegram-bot-api-secret-token"]',
  'headers.access_token',
];

export interface LoggerOptions {
  level: string;
  /** Write to stderr (CLI) instead of stdout (service). */
  toStderr?: boolean;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: undefined,
      redact: { paths: REDACT_PATHS, censor: '[ẩn]' },
    },
    pino.destination({ fd: options.toStderr ? 2 : 1, sync: true }),
  );
}

/** Replaces a bot token inside a URL or message, e.g. /bot123:ABC/ → /bot[ẩn]/. */
export function scrubSecrets(text: string): string {
  return text
    .replace(/bot\d+:[A-Za-z0-9_-]+/g, 'bot[ẩn]')
    .replace(/(access_token|secret_key|api[_-]?key)=([^&\s]+)/gi, '$1=[ẩn]');
}

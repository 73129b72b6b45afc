// Telegram failures, kept apart: "Telegram said no" (TelegramApiError) vs "Telegram could not be reached" (TelegramNetworkError).
import { AppError } from '../../shared/errors.js';
import { scrubSecrets } from '../../shared/logger.js';

/** The Bot API answered with ok: false (or an HTTP 5xx). `errorCode` is Telegram's error_code. */
export class TelegramApiError extends AppError {
  readonly method: string;
  readonly errorCode: number;
  readonly description: string;
  /** Seconds to wait, from parameters.retry_after on a 429. */
  readonly retryAfter: number | undefined;

  constructor(method: string, errorCode: number, description: string, retryAfter?: number, cause?: unknown) {
    super(
      errorCode === 429 ? 'RATE_LIMITED' : 'CHANNEL_FAILED',
      `Telegram ${method} failed: ${errorCode} ${scrubSecrets(description)}`,
      {
        cause,
        // read by the tickets outbox: permanent ⇒ no retry (flagged to officers); retryAfterSeconds delays the next try
        details: {
          method,
          errorCode,
          ...(errorCode === 400 || errorCode === 403 ? { permanent: true, reason: `telegram_${errorCode}` } : {}),
          ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
        },
      },
    );
    this.name = 'TelegramApiError';
    this.method = method;
    this.errorCode = errorCode;
    this.description = scrubSecrets(description);
    this.retryAfter = retryAfter;
  }

  /** 403 "bot was blocked by the user", 400 "chat not found": retrying will not help. */
  get isPermanent(): boolean {
    return this.errorCode === 400 || this.errorCode === 403;
  }
}

/** No answer from the Bot API (connection refused, reset, timeout). The call may or may not have happened. */
export class TelegramNetworkError extends AppError {
  readonly method: string;

  constructor(method: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('UPSTREAM_FAILED', `Telegram ${method} unreachable: ${scrubSecrets(reason)}`, {
      cause,
      details: { method },
    });
    this.name = 'TelegramNetworkError';
    this.method = method;
  }
}

interface TelegrafErrorShape {
  response?: { error_code?: unknown; description?: unknown; parameters?: { retry_after?: unknown } };
}

/** Classifies whatever telegraf threw for `method` into one of the two errors above. */
export function toTelegramError(method: string, error: unknown): TelegramApiError | TelegramNetworkError {
  if (error instanceof TelegramApiError || error instanceof TelegramNetworkError) return error;
  const response = (error as TelegrafErrorShape | null)?.response;
  if (response && typeof response.error_code === 'number') {
    const retryAfter = response.parameters?.retry_after;
    return new TelegramApiError(
      method,
      response.error_code,
      typeof response.description === 'string' ? response.description : '',
      typeof retryAfter === 'number' ? retryAfter : undefined,
      error,
    );
  }
  return new TelegramNetworkError(method, error);
}

// Zalo failures, kept apart: "Zalo said no" (ZaloApiError, with Zalo's negative code) vs "Zalo could not be reached"
// (ZaloNetworkError). Anything else thrown on the way is a bug of ours and stays what it is.
import { AppError } from '../../shared/errors.js';
import { scrubSecrets } from '../../shared/logger.js';

/** Invalid or expired access token: refresh once and try again. */
export const ZALO_TOKEN_INVALID = -216;
/** The resident has not interacted with the OA for 7 days: the free reply window is closed. */
export const ZALO_WINDOW_CLOSED = -230;
/** The user does not follow the OA, or is inactive. */
export const ZALO_NOT_FOLLOWING = [-213, -201] as const;

/** The reason the tickets outbox records for a message refused because the reply window closed. */
export const WINDOW_CLOSED_REASON = 'zalo_window_closed';

function permanentReason(code: number): string | undefined {
  if (code === ZALO_WINDOW_CLOSED) return WINDOW_CLOSED_REASON;
  if ((ZALO_NOT_FOLLOWING as readonly number[]).includes(code)) return 'zalo_not_following';
  return undefined;
}

const WINDOW_CLOSED_MESSAGE =
  'Zalo không cho gửi: người dân chưa nhắn cho OA trong 7 ngày. Hãy liên hệ bằng cách khác (điện thoại, thư); ' +
  'khi người dân nhắn lại, hệ thống sẽ báo và gửi lại câu trả lời.';

/** Zalo answered `{ error: <negative>, message }` (often with HTTP 200), or a non-JSON HTTP error. */
export class ZaloApiError extends AppError {
  readonly endpoint: string;
  readonly errorCode: number;

  constructor(endpoint: string, errorCode: number, description: string) {
    const reason = permanentReason(errorCode);
    super('CHANNEL_FAILED', `Zalo ${endpoint} failed: ${errorCode} ${scrubSecrets(description).slice(0, 200)}`, {
      ...(errorCode === ZALO_WINDOW_CLOSED ? { userMessage: WINDOW_CLOSED_MESSAGE } : {}),
      // read by the tickets outbox: permanent ⇒ no timed retry, shown to officers with its reason
      details: { endpoint, errorCode, ...(reason ? { permanent: true, reason } : {}) },
    });
    this.name = 'ZaloApiError';
    this.endpoint = endpoint;
    this.errorCode = errorCode;
  }

  get isPermanent(): boolean {
    return permanentReason(this.errorCode) !== undefined;
  }
}

/** No answer from Zalo (connection refused, reset, timeout). The call may or may not have happened. */
export class ZaloNetworkError extends AppError {
  readonly endpoint: string;

  constructor(endpoint: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('UPSTREAM_FAILED', `Zalo ${endpoint} unreachable: ${scrubSecrets(reason)}`, {
      cause,
      details: { endpoint },
    });
    this.name = 'ZaloNetworkError';
    this.endpoint = endpoint;
  }
}

// The one error type of tiepdan: a short code, an internal message for logs, a Vietnamese message for people.

/** Every failure the service reports on purpose has one of these codes. */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'CONFIG_INVALID'
  | 'UNSUPPORTED_FORMAT'
  | 'INGEST_FAILED'
  | 'CHANNEL_FAILED'
  | 'UPSTREAM_FAILED'
  | 'INTERNAL';

const DEFAULT_USER_MESSAGE: Record<ErrorCode, string> = {
  BAD_INPUT: 'Nội dung gửi lên chưa hợp lệ. Vui lòng kiểm tra và gửi lại.',
  NOT_FOUND: 'Không tìm thấy thông tin được yêu cầu.',
  CONFLICT: 'Thao tác xung đột với một thay đổi khác. Vui lòng thử lại.',
  UNAUTHORIZED: 'Yêu cầu chưa được xác thực.',
  FORBIDDEN: 'Bạn không có quyền thực hiện thao tác này.',
  RATE_LIMITED: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.',
  CONFIG_INVALID: 'Cấu hình hệ thống chưa hợp lệ.',
  UNSUPPORTED_FORMAT: 'Định dạng tệp chưa được hỗ trợ.',
  INGEST_FAILED: 'Không đọc được tệp tài liệu.',
  CHANNEL_FAILED: 'Không gửi được tin nhắn qua kênh liên lạc.',
  UPSTREAM_FAILED: 'Dịch vụ bên ngoài tạm thời không phản hồi.',
  INTERNAL: 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau.',
};

/** HTTP status for each code; the one table every route uses. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  CONFIG_INVALID: 500,
  UNSUPPORTED_FORMAT: 415,
  INGEST_FAILED: 422,
  CHANNEL_FAILED: 502,
  UPSTREAM_FAILED: 502,
  INTERNAL: 500,
};

export interface AppErrorOptions {
  /** Vietnamese text safe to show a resident or officer; defaults per code. */
  userMessage?: string;
  cause?: unknown;
  /** Extra machine-readable facts (never personal data or secrets). */
  details?: Record<string, unknown>;
}

/** A deliberate, classified failure. `message` is for logs; `userMessage` is for people. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = options.userMessage ?? DEFAULT_USER_MESSAGE[code];
    this.details = options.details;
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

/** Wraps anything thrown into an AppError; unknown errors become INTERNAL (a bug). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', message, { cause: error });
}

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

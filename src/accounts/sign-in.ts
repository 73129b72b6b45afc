// Use case: check a login and password, slowing guessers: failures are counted per account and per client
// address (in the shared RateLimit table), and past the limit no password is even checked until the window ends.
import { AppError } from '../shared/errors.js';
import type { AccountDeps } from './deps.js';
import { dummyPasswordHash, verifyPassword } from './password.js';
import type { Account } from './types.js';

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const SIGN_IN_MAX_FAILURES_PER_ACCOUNT = 5;
export const SIGN_IN_MAX_FAILURES_PER_ADDRESS = 20;

export interface SignInOptions {
  login: string;
  password: string;
  /** Client address key (src/http/client-key.ts); undefined when unknown. */
  address?: string | undefined;
}

const WRONG = 'Tên đăng nhập hoặc mật khẩu không đúng.';
const SLOWED =
  'Đăng nhập sai quá nhiều lần. Để bảo vệ tài khoản, bạn vui lòng thử lại sau 15 phút hoặc liên hệ quản trị viên.';

export async function signIn(
  deps: AccountDeps,
  options: SignInOptions,
): Promise<Account & { totpSecret: string | null }> {
  const login = options.login.trim().toLowerCase().slice(0, 64);
  const now = deps.clock.now();
  const keys = [
    { key: `login-account:${login}`, max: SIGN_IN_MAX_FAILURES_PER_ACCOUNT },
    ...(options.address ? [{ key: `login-address:${options.address}`, max: SIGN_IN_MAX_FAILURES_PER_ADDRESS }] : []),
  ];
  const limiter = deps.rateLimiter;
  if (limiter) {
    for (const { key, max } of keys)
      if ((await limiter.current(key, now, SIGN_IN_WINDOW_MS)) >= max)
        throw new AppError('RATE_LIMITED', 'Too many failed sign-ins', { userMessage: SLOWED });
  }
  const account = login ? await deps.store.findByLogin(login) : null;
  const isRight = await verifyPassword(options.password, account?.passwordHash ?? (await dummyPasswordHash()));
  if (!account || !isRight || account.disabledAt) {
    if (limiter) for (const { key } of keys) await limiter.hit(key, now, SIGN_IN_WINDOW_MS);
    throw new AppError('UNAUTHORIZED', 'Wrong login or password', {
      userMessage: account?.disabledAt && isRight ? 'Tài khoản này đã bị khoá. Vui lòng liên hệ quản trị viên.' : WRONG,
    });
  }
  const { passwordHash: _hash, ...rest } = account;
  return rest;
}

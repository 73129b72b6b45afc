// Who calls the officer API: a personal token (Authorization: Bearer …), or a console session whose state-changing
// requests repeat the session's CSRF token in X-CSRF-Token and come from our own pages.
import type { Context } from 'hono';
import { type Account, authenticateToken } from '../../accounts/index.js';
import { AppError } from '../../shared/errors.js';
import type { ConsoleDeps } from '../deps.js';
import { CSRF_HEADER, isCsrfValid } from './csrf.js';
import { readSession } from './session.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function authenticateApi(c: Context, deps: ConsoleDeps): Promise<Account> {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const account = token ? await authenticateToken(deps.accounts, token) : undefined;
    if (!account)
      throw new AppError('UNAUTHORIZED', 'Bad API token', {
        userMessage: 'Mã API không hợp lệ, đã bị thu hồi hoặc tài khoản đã bị khoá.',
      });
    return account;
  }
  const session = await readSession(c, deps);
  if (!session || session.isPending)
    throw new AppError('UNAUTHORIZED', 'No credentials', {
      userMessage: 'Cần đăng nhập, hoặc gửi mã API cá nhân trong tiêu đề Authorization: Bearer <mã>.',
    });
  if (session.account.mustChangePassword)
    throw new AppError('FORBIDDEN', 'Password must be changed', {
      userMessage: 'Bạn cần đổi mật khẩu tạm thời tại /admin/password trước khi làm việc.',
    });
  if (!SAFE_METHODS.has(c.req.method) && !isCsrfValid(c, session.csrfToken, c.req.header(CSRF_HEADER)))
    throw new AppError('FORBIDDEN', 'CSRF check failed', {
      userMessage: 'Thiếu mã chống giả mạo yêu cầu (X-CSRF-Token) hoặc yêu cầu gửi từ trang khác.',
    });
  return session.account;
}

// Use case: an account holder sets their own new password (required after a generated one).
import { AppError } from '../shared/errors.js';
import type { AccountDeps } from './deps.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';

export async function changePassword(
  deps: AccountDeps,
  options: { accountId: number; current: string; next: string },
): Promise<void> {
  const account = await deps.store.findById(options.accountId);
  if (!account)
    throw new AppError('UNAUTHORIZED', 'No account', { userMessage: 'Phiên đăng nhập không còn hiệu lực.' });
  const stored = await deps.store.findByLogin(account.login);
  if (!stored || !(await verifyPassword(options.current, stored.passwordHash)))
    throw new AppError('BAD_INPUT', 'Wrong current password', { userMessage: 'Mật khẩu hiện tại không đúng.' });
  const problem = passwordProblem(options.next);
  if (problem) throw new AppError('BAD_INPUT', 'Weak password', { userMessage: problem });
  if (options.next === options.current)
    throw new AppError('BAD_INPUT', 'Same password', { userMessage: 'Mật khẩu mới phải khác mật khẩu hiện tại.' });
  const now = deps.clock.now();
  await deps.store.updateAccount(
    account.id,
    { passwordHash: await hashPassword(options.next), mustChangePassword: false },
    {
      actor: `${account.role}:${account.login}`,
      action: 'account.password_changed',
      entity: 'account',
      entityId: account.login,
      before: null,
      after: null,
    },
    now,
  );
}

// Use case: set a new password for an account (given, or generated and shown once). Its sessions end; a generated
// password must be changed at the next sign-in.
import { AppError } from '../shared/errors.js';
import type { AccountDeps } from './deps.js';
import { generatePassword, hashPassword, passwordProblem } from './password.js';
import { requireAccount } from './require-account.js';

export interface ResetPasswordOptions {
  login: string;
  /** The new password; generated when absent. */
  password?: string | undefined;
  by: string;
}

export async function resetPassword(
  deps: AccountDeps,
  options: ResetPasswordOptions,
): Promise<{ login: string; generated: string | null }> {
  const account = await requireAccount(deps.store, options.login);
  const generated = options.password === undefined ? generatePassword() : null;
  const password = options.password ?? (generated as string);
  const problem = passwordProblem(password);
  if (problem) throw new AppError('BAD_INPUT', 'Weak password', { userMessage: problem });
  const now = deps.clock.now();
  await deps.store.updateAccount(
    account.id,
    { passwordHash: await hashPassword(password), mustChangePassword: generated !== null },
    {
      actor: options.by,
      action: 'account.password_reset',
      entity: 'account',
      entityId: account.login,
      before: null,
      after: { generated: generated !== null },
    },
    now,
  );
  await deps.store.deleteSessionsOf(account.id);
  return { login: account.login, generated };
}

// Use case: disable an account: it can no longer sign in, its sessions end and its API tokens stop working.
import { AppError } from '../shared/errors.js';
import type { AccountDeps } from './deps.js';
import { requireAccount } from './require-account.js';
import type { Account } from './types.js';

export async function disableAccount(deps: AccountDeps, options: { login: string; by: string }): Promise<Account> {
  const account = await requireAccount(deps.store, options.login);
  if (account.disabledAt)
    throw new AppError('CONFLICT', 'Already disabled', {
      userMessage: `Tài khoản "${account.login}" đã bị khoá trước đó.`,
    });
  const now = deps.clock.now();
  const after = await deps.store.updateAccount(
    account.id,
    { disabledAt: now },
    {
      actor: options.by,
      action: 'account.disabled',
      entity: 'account',
      entityId: account.login,
      before: null,
      after: null,
    },
    now,
  );
  await deps.store.deleteSessionsOf(account.id);
  await deps.store.revokeApiTokens(account.id, now);
  return after;
}

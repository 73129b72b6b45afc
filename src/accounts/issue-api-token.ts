// Use case: a new personal API token for an account (the province's own systems call the officer API with it).
// Only its hash is kept: it is shown once.
import { AppError } from '../shared/errors.js';
import type { AccountDeps } from './deps.js';
import { requireAccount } from './require-account.js';
import { hashSecret, newApiToken } from './secrets.js';

export async function issueApiToken(deps: AccountDeps, options: { login: string; by: string }): Promise<string> {
  const account = await requireAccount(deps.store, options.login);
  if (account.disabledAt)
    throw new AppError('CONFLICT', 'Account disabled', { userMessage: `Tài khoản "${account.login}" đã bị khoá.` });
  const token = newApiToken();
  const now = deps.clock.now();
  await deps.store.addApiToken(
    account.id,
    hashSecret(token),
    {
      actor: options.by,
      action: 'account.token_issued',
      entity: 'account',
      entityId: account.login,
      before: null,
      after: null,
    },
    now,
  );
  return token;
}

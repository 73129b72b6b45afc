// Use case: the account a personal API token belongs to (Authorization: Bearer …), or undefined.
import type { AccountDeps } from './deps.js';
import { hashSecret } from './secrets.js';
import type { Account } from './types.js';

export async function authenticateToken(deps: AccountDeps, token: string): Promise<Account | undefined> {
  if (!/^tdp_[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  return (await deps.store.findByApiToken(hashSecret(token), deps.clock.now())) ?? undefined;
}

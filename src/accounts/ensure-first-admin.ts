// Use case: at the first start, when no account exists, create "admin" with a one-time password to be shown once
// (and changed at the first sign-in).

import { addAccount } from './add-account.js';
import type { AccountDeps } from './deps.js';
import { generatePassword } from './password.js';

export const FIRST_ADMIN_LOGIN = 'admin';

export async function ensureFirstAdmin(deps: AccountDeps): Promise<{ login: string; password: string } | undefined> {
  if ((await deps.store.countAccounts()) > 0) return undefined;
  const password = generatePassword();
  await addAccount(deps, {
    login: FIRST_ADMIN_LOGIN,
    role: 'admin',
    units: [],
    password,
    by: 'system:first-start',
    mustChangePassword: true,
  });
  return { login: FIRST_ADMIN_LOGIN, password };
}

// Finding an account by login, failing in Vietnamese.
import { AppError } from '../shared/errors.js';
import type { AccountStore } from './ports.js';

export async function requireAccount(store: AccountStore, login: string) {
  const account = await store.findByLogin(login.trim().toLowerCase());
  if (!account) throw new AppError('NOT_FOUND', 'No such account', { userMessage: `Không có tài khoản "${login}".` });
  return account;
}

// Ports of the accounts context: where accounts, tokens and sessions are kept (db/stores/account-store.ts).
import type { AuditEntryInput } from '../tickets/types.js';
import type { Account, AccountRole } from './types.js';

export interface NewAccount {
  login: string;
  role: AccountRole;
  units: string[];
  passwordHash: string;
  mustChangePassword: boolean;
}

export interface AccountPatch {
  passwordHash?: string;
  mustChangePassword?: boolean;
  totpSecret?: string | null;
  disabledAt?: Date | null;
}

export interface StoredSession {
  accountId: number;
  csrfToken: string;
  isPending: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface AccountStore {
  countAccounts(): Promise<number>;
  findByLogin(login: string): Promise<(Account & { passwordHash: string; totpSecret: string | null }) | null>;
  findById(id: number): Promise<(Account & { totpSecret: string | null }) | null>;
  listAccounts(): Promise<Account[]>;
  /** Creates the account and its audit row in one transaction; null when the login is taken. */
  createAccount(input: NewAccount, audit: AuditEntryInput, at: Date): Promise<Account | null>;
  /** Changes the account and records the audit row in one transaction. */
  updateAccount(id: number, patch: AccountPatch, audit: AuditEntryInput, at: Date): Promise<Account>;
  /** Stores a token's hash (and the audit row); earlier tokens stay valid unless revoked. */
  addApiToken(accountId: number, tokenHash: string, audit: AuditEntryInput, at: Date): Promise<void>;
  /** The active account a token hash belongs to, marking the token used. */
  findByApiToken(tokenHash: string, at: Date): Promise<Account | null>;
  revokeApiTokens(accountId: number, at: Date): Promise<number>;

  createSession(idHash: string, session: StoredSession): Promise<void>;
  findSession(idHash: string): Promise<StoredSession | null>;
  touchSession(idHash: string, at: Date): Promise<void>;
  updateSession(idHash: string, patch: Partial<Pick<StoredSession, 'isPending' | 'csrfToken'>>): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  deleteSessionsOf(accountId: number): Promise<number>;
}

// Prisma adapter of the accounts context's AccountStore: accounts, personal API tokens (hash only) and console
// sessions (hash of the cookie's id only). Account changes and their audit rows commit together.
import type { AccountPatch, AccountStore, NewAccount, StoredSession } from '../../accounts/ports.js';
import type { Account, AccountRole } from '../../accounts/types.js';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';
import type { AuditEntryInput } from '../../tickets/types.js';
import { auditSealerOf } from '../audit-seal.js';
import { appendAuditRow } from './audit-store.js';

const TX_OPTIONS = { maxWait: 60_000, timeout: 60_000 };

type AccountRow = Prisma.AccountGetPayload<object>;

function toAccount(r: AccountRow): Account {
  return {
    id: r.id,
    login: r.login,
    role: r.role as AccountRole,
    units: r.units ?? [],
    mustChangePassword: r.mustChangePassword,
    hasSecondFactor: r.totpSecret !== null,
    disabledAt: r.disabledAt,
    createdAt: r.createdAt,
    lastSignInAt: r.lastSignInAt,
  };
}

export class PrismaAccountStore implements AccountStore {
  constructor(private readonly prisma: PrismaClient) {}

  private audited<T>(audit: AuditEntryInput, at: Date, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    const sealer = auditSealerOf(this.prisma);
    return this.prisma.$transaction(async (tx) => {
      const result = await fn(tx);
      await appendAuditRow(tx, audit, at, sealer);
      return result;
    }, TX_OPTIONS);
  }

  countAccounts(): Promise<number> {
    return this.prisma.account.count();
  }

  async findByLogin(login: string) {
    const r = await this.prisma.account.findUnique({ where: { login } });
    return r ? { ...toAccount(r), passwordHash: r.passwordHash, totpSecret: r.totpSecret } : null;
  }

  async findById(id: number) {
    const r = await this.prisma.account.findUnique({ where: { id } });
    return r ? { ...toAccount(r), totpSecret: r.totpSecret } : null;
  }

  async listAccounts(): Promise<Account[]> {
    return (await this.prisma.account.findMany({ orderBy: { login: 'asc' } })).map(toAccount);
  }

  async createAccount(input: NewAccount, audit: AuditEntryInput, at: Date): Promise<Account | null> {
    try {
      return await this.audited(audit, at, async (tx) => toAccount(await tx.account.create({ data: { ...input } })));
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return null;
      throw error;
    }
  }

  updateAccount(id: number, patch: AccountPatch, audit: AuditEntryInput, at: Date): Promise<Account> {
    return this.audited(audit, at, async (tx) => toAccount(await tx.account.update({ where: { id }, data: patch })));
  }

  async addApiToken(accountId: number, tokenHash: string, audit: AuditEntryInput, at: Date): Promise<void> {
    await this.audited(audit, at, (tx) => tx.apiToken.create({ data: { accountId, tokenHash, createdAt: at } }));
  }

  async findByApiToken(tokenHash: string, at: Date): Promise<Account | null> {
    const token = await this.prisma.apiToken.findUnique({ where: { tokenHash }, include: { account: true } });
    if (!token || token.revokedAt || token.account.disabledAt) return null;
    // the last use, to the minute: one write a minute per token at most
    if (!token.lastUsedAt || at.getTime() - token.lastUsedAt.getTime() > 60_000)
      await this.prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: at } });
    return toAccount(token.account);
  }

  async revokeApiTokens(accountId: number, at: Date): Promise<number> {
    return (await this.prisma.apiToken.updateMany({ where: { accountId, revokedAt: null }, data: { revokedAt: at } }))
      .count;
  }

  async createSession(idHash: string, session: StoredSession): Promise<void> {
    // a session is opened only after the password was right: that is the account's last sign-in
    await this.prisma.$transaction([
      this.prisma.consoleSession.create({ data: { idHash, ...session } }),
      this.prisma.account.update({ where: { id: session.accountId }, data: { lastSignInAt: session.createdAt } }),
    ]);
  }

  async findSession(idHash: string): Promise<StoredSession | null> {
    const r = await this.prisma.consoleSession.findUnique({ where: { idHash } });
    return r
      ? {
          accountId: r.accountId,
          csrfToken: r.csrfToken,
          isPending: r.isPending,
          createdAt: r.createdAt,
          lastSeenAt: r.lastSeenAt,
          expiresAt: r.expiresAt,
        }
      : null;
  }

  async touchSession(idHash: string, at: Date): Promise<void> {
    await this.prisma.consoleSession.updateMany({ where: { idHash }, data: { lastSeenAt: at } });
  }

  async updateSession(idHash: string, patch: Partial<Pick<StoredSession, 'isPending' | 'csrfToken'>>): Promise<void> {
    await this.prisma.consoleSession.updateMany({ where: { idHash }, data: patch });
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.prisma.consoleSession.deleteMany({ where: { idHash } });
  }

  async deleteSessionsOf(accountId: number): Promise<number> {
    return (await this.prisma.consoleSession.deleteMany({ where: { accountId } })).count;
  }
}

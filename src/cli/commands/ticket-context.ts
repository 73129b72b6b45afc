// Opens what the `tickets` and `audit` commands need: the database, the settings and the tickets use cases' deps.
import type { Command } from 'commander';
import { toTicketActor } from '../../accounts/index.js';
import type { Database } from '../../db/index.js';
import { PrismaAccountStore } from '../../db/stores/account-store.js';
import { PrismaAuditLogReader } from '../../db/stores/audit-store.js';
import { PrismaOutboxStore } from '../../db/stores/outbox-store.js';
import { PrismaRateLimiter, PrismaTicketStore } from '../../db/stores/ticket-store.js';
import { AppError } from '../../shared/errors.js';
import {
  type Actor,
  loadTicketSettings,
  syncTicketSettings,
  systemClock,
  type TicketDeps,
} from '../../tickets/index.js';
import { type CliContext, withDatabase } from '../context.js';

export interface TicketCli {
  db: Database;
  deps: TicketDeps;
  outbox: PrismaOutboxStore;
  audit: PrismaAuditLogReader;
}

/** Runs `fn` with an open database and closes it afterwards, whatever happens. */
export function withTicketCli<T>(context: CliContext, fn: (cli: TicketCli) => Promise<T>): Promise<T> {
  const config = context.config();
  return withDatabase(context, async (db) => {
    const settings = await loadTicketSettings(config.settingsDir);
    const store = new PrismaTicketStore(db.prisma);
    await syncTicketSettings({ store, settings });
    const audit = new PrismaAuditLogReader(db.prisma);
    const deps: TicketDeps = {
      store,
      settings,
      clock: systemClock,
      rateLimiter: new PrismaRateLimiter(db.prisma),
      ...(context.outboxNotifier ? { notifier: context.outboxNotifier } : {}),
      audit,
      addressForm: config.addressForm,
    };
    return fn({ db, deps, outbox: new PrismaOutboxStore(db.prisma), audit });
  });
}

/**
 * The person running a command. `--as <login>` must name an active account: its role and units apply, and the
 * audit trail records the login with the operating-system user ("nguyen.van.a (os:ubuntu)"). `--role`, when also
 * given, must be that account's role. Without `--as` the command acts as the server's operating-system user
 * ("os:ubuntu"), with the role of an officer of every unit: whoever can run it here can read the database anyway.
 */
export async function resolveActor(
  context: CliContext,
  db: Database,
  options: { as?: string | undefined; role?: string | undefined },
): Promise<Actor> {
  const osUser = context.osUser();
  if (options.as === undefined) {
    if (options.role !== undefined && options.role !== 'officer')
      throw new AppError('BAD_INPUT', 'Role without account', {
        userMessage: `Vai trò lấy từ tài khoản: dùng --as <tên đăng nhập> (tạo bằng: tiepdan users add <tên> --role ${options.role} …).`,
      });
    return { name: `os:${osUser}`, role: 'officer' };
  }
  const account = await new PrismaAccountStore(db.prisma).findByLogin(options.as.normalize('NFC').trim().toLowerCase());
  if (!account)
    throw new AppError('BAD_INPUT', 'No such account', {
      userMessage: `--as phải là tên đăng nhập của một tài khoản; không có tài khoản "${options.as}" (tạo bằng: tiepdan users add).`,
    });
  if (account.disabledAt)
    throw new AppError('FORBIDDEN', 'Account disabled', { userMessage: `Tài khoản "${account.login}" đã bị khoá.` });
  if (options.role !== undefined && options.role !== account.role)
    throw new AppError('BAD_INPUT', 'Role mismatch', {
      userMessage: `Tài khoản "${account.login}" có vai trò ${account.role}, không phải ${options.role}.`,
    });
  return toTicketActor(account, `os:${osUser}`);
}

/** --as and --role on the commands that act on tickets. */
export const withActor = (cmd: Command) =>
  cmd
    .option('--as <tên đăng nhập>', 'tài khoản thao tác (ghi vào nhật ký cùng tên người dùng của hệ điều hành)')
    .option('--role <vai trò>', 'kiểm tra vai trò của tài khoản --as');

// Opens what the `tickets` and `audit` commands need: the database, the settings and the tickets use cases' deps.
import os from 'node:os';
import type { Database } from '../../db/index.js';
import { PrismaAuditLogReader } from '../../db/stores/audit-store.js';
import { PrismaOutboxStore } from '../../db/stores/outbox-store.js';
import { PrismaRateLimiter, PrismaTicketStore } from '../../db/stores/ticket-store.js';
import { AppError } from '../../shared/errors.js';
import {
  type Actor,
  loadTicketSettings,
  ROLES,
  type Role,
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

/** Words of letters (with their accents), digits and . _ @ -, separated by single spaces: "Nguyễn Văn B", "can.bo.a". */
const OFFICER_NAME = /^[\p{L}\p{M}\p{N}._@-]+(?: [\p{L}\p{M}\p{N}._@-]+)*$/u;

/** Whether `name` (already trimmed and NFC) may stand for an officer in the audit trail. */
function isOfficerName(name: string): boolean {
  const length = [...name].length;
  return length >= 2 && length <= 64 && OFFICER_NAME.test(name);
}

/** The officer running the command: --as <name> (default: the login name) and --role <role> (default officer). */
export function actorFrom(options: { as?: string; role?: string }): Actor {
  const role = (options.role ?? 'officer') as Role;
  if (!ROLES.includes(role) || role === 'resident' || role === 'system')
    throw new AppError('BAD_INPUT', `Unknown role ${role}`, {
      userMessage: `Vai trò "${options.role}" không hợp lệ. Chọn một trong: officer (cán bộ), inspector (thanh tra), lead (lãnh đạo).`,
    });
  const name = (options.as ?? os.userInfo().username).normalize('NFC').trim();
  if (!isOfficerName(name))
    throw new AppError('BAD_INPUT', 'Bad actor name', {
      userMessage:
        'Tên người thao tác (--as) chỉ gồm chữ (có dấu), số, dấu cách đơn giữa các từ, dấu chấm, gạch, @; 2–64 ký tự.',
    });
  return { name, role };
}

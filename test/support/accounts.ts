// Creates console accounts straight in a test database (the CLI and the console are tested elsewhere).
import { type AccountDeps, addAccount } from '../../src/accounts/index.js';
import type { Database } from '../../src/db/index.js';
import { PrismaAccountStore } from '../../src/db/stores/account-store.js';
import { PrismaRateLimiter } from '../../src/db/stores/ticket-store.js';
import { loadTicketSettings, systemClock } from '../../src/tickets/index.js';
import { REPO_ROOT } from './shared-data.js';

export const TEST_PASSWORD = 'mat-khau-thu-nghiem-1';

export async function accountDepsFor(db: Database, settingsDir = `${REPO_ROOT}/settings`): Promise<AccountDeps> {
  const settings = await loadTicketSettings(settingsDir);
  return {
    store: new PrismaAccountStore(db.prisma),
    clock: systemClock,
    unitCodes: settings.routing.units.map((u) => u.code),
    rateLimiter: new PrismaRateLimiter(db.prisma),
  };
}

/** Adds an account; unit-scoped roles get `units` (default: every unit of the settings). */
export async function addTestAccount(
  db: Database,
  login: string,
  role: string,
  options: { units?: string[]; password?: string; settingsDir?: string } = {},
): Promise<void> {
  const deps = await accountDepsFor(db, options.settingsDir);
  const scoped = role === 'officer' || role === 'inspector';
  await addAccount(deps, {
    login,
    role,
    units: scoped ? (options.units ?? [...deps.unitCodes]) : [],
    password: options.password ?? TEST_PASSWORD,
    by: 'test',
  });
}

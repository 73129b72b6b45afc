// What the accounts use cases are given, wired by service.ts, the CLI or a test.
import type { Clock, RateLimiter } from '../tickets/ports.js';
import type { AccountStore } from './ports.js';

export interface AccountDeps {
  store: AccountStore;
  clock: Clock;
  /** Unit codes of settings/routing.yaml: a unit-scoped account may only name these. */
  unitCodes: readonly string[];
  rateLimiter?: RateLimiter | undefined;
}

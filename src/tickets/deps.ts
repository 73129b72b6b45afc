// What every tickets use case is given: ports and settings, wired once by service.ts (or a test).
import type { AddressForm } from './messages.js';
import type { AuditLogReader, Clock, OutboxNotifier, RateLimiter, TicketStore } from './ports.js';
import type { TicketSettings } from './settings.js';

export interface TicketDeps {
  store: TicketStore;
  settings: TicketSettings;
  clock: Clock;
  /** Wakes the outbox worker after a commit that queued messages. */
  notifier?: OutboxNotifier | undefined;
  rateLimiter?: RateLimiter | undefined;
  audit?: AuditLogReader | undefined;
  addressForm?: AddressForm | undefined;
  /** Randomness for tracking codes (tests may fix it); node:crypto randomInt by default. */
  random?: ((max: number) => number) | undefined;
  /**
   * TEST ONLY (crash tests, TIEPDAN_TEST_CRASH_AFTER=ticket-commit): called right after a new ticket's transaction
   * committed and before anything is sent or the outbox worker is woken. Never set in production.
   */
  onTicketCommittedForTest?: (() => void) | undefined;
}

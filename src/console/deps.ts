// What the console is given by service.ts: the accounts and tickets use cases' deps and a few settings.
import type { Context } from 'hono';
import type { AccountDeps } from '../accounts/index.js';
import type { AttachmentStore } from '../channels/shared/index.js';
import type { TicketDeps } from '../tickets/index.js';

export interface ConsoleDeps {
  accounts: AccountDeps;
  tickets: TicketDeps;
  /** The outbox, for "retry" on a failed reply. */
  outbox: { requeue(id: number, at: Date): Promise<boolean> };
  /** Where residents' photos and files are kept (the ticket page shows them to authorised officers). */
  attachments?: AttachmentStore | undefined;
  settings: { requireSecondFactor: boolean; sessionIdleMs: number; sessionMaxMs: number };
  /** The client address key of a request (rate limits of failed sign-ins). */
  clientKey: (c: Context) => string | undefined;
}

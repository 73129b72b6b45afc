// GET /admin/: the inbox of the signed-in account (its units only, for unit-scoped roles).
import type { Hono } from 'hono';
import { toTicketActor } from '../../accounts/index.js';
import { toAppError } from '../../shared/errors.js';
import { listTickets } from '../../tickets/index.js';
import { requirePage } from '../auth/require-page.js';
import type { ConsoleDeps } from '../deps.js';
import { parseInboxQuery, toListOptions } from './filters.js';
import { InboxPage } from './view.js';

export function mountInbox(app: Hono, deps: ConsoleDeps): void {
  app.get('/admin', (c) => c.redirect('/admin/', 301));
  app.get('/admin/', async (c) => {
    const gate = await requirePage(c, deps, { tickets: true });
    if (gate.response) return gate.response;
    const { session } = gate;
    const actor = toTicketActor(session.account);
    const raw = c.req.query();
    const baseQuery = new URLSearchParams(
      Object.entries(raw).filter(([k, v]) => k !== 'page' && v !== '') as Array<[string, string]>,
    );
    try {
      const query = parseInboxQuery(raw);
      const items = await listTickets(deps.tickets, { ...toListOptions(query), actor });
      return c.html(
        <InboxPage
          session={session}
          query={query}
          baseQuery={baseQuery}
          items={items.slice(0, query.perPage)}
          hasMore={items.length > query.perPage}
          settings={deps.tickets.settings}
        />,
      );
    } catch (error) {
      const e = toAppError(error);
      if (e.code !== 'BAD_INPUT') throw error;
      const query = parseInboxQuery({});
      return c.html(
        <InboxPage
          session={session}
          query={query}
          baseQuery={new URLSearchParams()}
          items={[]}
          hasMore={false}
          settings={deps.tickets.settings}
          error={e.userMessage}
        />,
        400,
      );
    }
  });
}

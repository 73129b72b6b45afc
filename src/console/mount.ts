// Mounts the console on the one Hono app: sign-in, pages under /admin/, the officer API under /api/admin/v1.
import type { Hono } from 'hono';
import { mountAccountsPage } from './accounts/route.js';
import { mountTicketsApi } from './api/tickets-api.js';
import { mountAuthRoutes } from './auth/routes.js';
import type { ConsoleDeps } from './deps.js';
import { mountInbox } from './inbox/route.js';
import { mountKnowledgePages } from './knowledge/route.js';
import { CONSOLE_CSS } from './layout/styles.js';
import { mountQuestionPages } from './questions/route.js';
import { mountReports } from './reports/route.js';
import { mountTicketPage } from './ticket/route.js';

export function mountConsole(app: Hono, deps: ConsoleDeps): void {
  app.use('/admin/*', async (c, next) => {
    await next();
    // pages with personal data: never cached, never framed, no referrer to other sites
    if (c.res.headers.get('content-type')?.startsWith('text/html')) {
      c.res.headers.set('cache-control', 'no-store');
      c.res.headers.set('x-frame-options', 'DENY');
      c.res.headers.set(
        'content-security-policy',
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      );
      c.res.headers.set('x-content-type-options', 'nosniff');
    }
  });
  app.get('/admin/console.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(CONSOLE_CSS);
  });
  mountAuthRoutes(app, deps);
  mountInbox(app, deps);
  mountTicketPage(app, deps);
  if (deps.knowledge) mountKnowledgePages(app, deps, deps.knowledge);
  mountReports(app, deps);
  if (deps.questions) mountQuestionPages(app, deps, deps.questions);
  mountAccountsPage(app, deps);
  mountTicketsApi(app, deps);
}

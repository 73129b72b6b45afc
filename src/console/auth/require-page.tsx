// The gate of every console page: a live, fully signed-in session (else the sign-in page), a password that need
// not be changed first, and a role that may see tickets when the page shows them.
import type { Context } from 'hono';
import { type AccountRole, TICKET_ROLES } from '../../accounts/index.js';
import { ACCOUNTS_PATH } from '../accounts/access.js';
import type { ConsoleDeps } from '../deps.js';
import { KNOWLEDGE_BASE_PATH } from '../knowledge/access.js';
import { Page } from '../layout/page.js';
import { REPORTS_PATH } from '../reports/access.js';
import { type ConsoleSession, readSession } from './session.js';

export type PageGate = { response: Response; session?: undefined } | { response?: undefined; session: ConsoleSession };

export async function requirePage(
  c: Context,
  deps: ConsoleDeps,
  options: { tickets?: boolean } = {},
): Promise<PageGate> {
  const session = await readSession(c, deps);
  if (!session) return { response: c.redirect('/admin/login', 303) };
  if (session.isPending) return { response: c.redirect('/admin/2fa', 303) };
  if (session.account.mustChangePassword) return { response: c.redirect('/admin/password', 303) };
  // a role without tickets lands on its own desk rather than on a refused inbox
  if (options.tickets && c.req.path === '/admin/') {
    const home = homePathOf(session.account.role);
    if (home !== '/admin/') return { response: c.redirect(home, 303) };
  }
  if (options.tickets && !TICKET_ROLES.includes(session.account.role))
    return {
      response: await c.html(
        <Page title="Không có quyền" session={session}>
          <div class="card">
            <h1>Không có quyền xem hộp thư</h1>
            <p>
              Vai trò của bạn không xem hoặc xử lý phản ánh, khiếu nại, tố cáo.{' '}
              <a href={homePathOf(session.account.role)}>Về trang làm việc của bạn</a>.
            </p>
          </div>
        </Page>,
        403,
      ),
    };
  return { session };
}

/** The page an account's role works on first: the inbox for ticket roles, else its own section. */
export function homePathOf(role: AccountRole): string {
  if (TICKET_ROLES.includes(role)) return '/admin/';
  if (role === 'admin') return ACCOUNTS_PATH;
  if (role === 'editor') return KNOWLEDGE_BASE_PATH;
  return REPORTS_PATH;
}

// The gate of every console page: a live, fully signed-in session (else the sign-in page), a password that need
// not be changed first, and a role that may see tickets when the page shows them.
import type { Context } from 'hono';
import { TICKET_ROLES } from '../../accounts/index.js';
import type { ConsoleDeps } from '../deps.js';
import { KNOWLEDGE_BASE_PATH } from '../knowledge/access.js';
import { Page } from '../layout/page.js';
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
  // an editor's desk is the knowledge base: signing in lands there rather than on a refused inbox
  if (options.tickets && session.account.role === 'editor' && c.req.path === '/admin/')
    return { response: c.redirect(KNOWLEDGE_BASE_PATH, 303) };
  if (options.tickets && !TICKET_ROLES.includes(session.account.role))
    return {
      response: await c.html(
        <Page title="Không có quyền" session={session}>
          <div class="card">
            <h1>Không có quyền xem hộp thư</h1>
            <p>
              Vai trò của bạn không xem hoặc xử lý phản ánh, khiếu nại, tố cáo. Các trang dành cho vai trò này (cơ sở
              tri thức, báo cáo, tài khoản) đang được xây dựng.
            </p>
          </div>
        </Page>,
        403,
      ),
    };
  return { session };
}

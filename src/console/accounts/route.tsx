// /admin/tai-khoan: the admin's accounts page (role admin only) — list, add (one-time password shown), disable, reset
// a password. Every form checks the session's CSRF token and the Origin; the accounts use cases audit each change.
import type { Context, Hono } from 'hono';
import { addAccount, disableAccount, generatePassword, resetPassword } from '../../accounts/index.js';
import { toAppError } from '../../shared/errors.js';
import { CSRF_FIELD, isCsrfValid } from '../auth/csrf.js';
import { requirePage } from '../auth/require-page.js';
import { refused } from '../auth/routes.js';
import { auditActorOf, type ConsoleSession } from '../auth/session.js';
import type { ConsoleDeps } from '../deps.js';
import { Page } from '../layout/page.js';
import { ACCOUNTS_PATH } from './access.js';
import { AccountsPage, type AccountsPageProps } from './view.js';

export { ACCOUNTS_PATH };

const NOTICES: Record<string, string> = {
  disabled: 'Đã khoá tài khoản: các phiên đăng nhập và mã API của tài khoản này không còn dùng được.',
};

/** The form's fields; `unit` may repeat (one checkbox per unit). */
async function fieldsOf(c: Context): Promise<{ one: Record<string, string>; units: string[] }> {
  const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
  const one: Record<string, string> = {};
  let units: string[] = [];
  for (const [k, v] of Object.entries(body)) {
    const values = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
    if (k === 'unit') units = values;
    else if (values[0] !== undefined) one[k] = values[0];
  }
  return { one, units };
}

export function mountAccountsPage(app: Hono, deps: ConsoleDeps): void {
  const units = () => deps.tickets.settings.routing.units.map((u) => ({ code: u.code, name: u.name }));
  const by = auditActorOf;

  const render = async (
    c: Context,
    session: ConsoleSession,
    extra: Omit<AccountsPageProps, 'session' | 'accounts' | 'units'> & { status?: number } = {},
  ) =>
    c.html(
      <AccountsPage session={session} accounts={await deps.accounts.store.listAccounts()} units={units()} {...extra} />,
      (extra.status ?? 200) as 200,
    );

  /** A signed-in admin, or the response to send instead. */
  const gate = async (c: Context) => {
    const result = await requirePage(c, deps);
    if (result.response) return result;
    if (result.session.account.role !== 'admin')
      return {
        response: await c.html(
          <Page title="Không có quyền" session={result.session}>
            <div class="card">
              <h1>Không có quyền quản lý tài khoản</h1>
              <p>Chỉ tài khoản quản trị hệ thống được xem và thay đổi tài khoản.</p>
            </div>
          </Page>,
          403,
        ),
      };
    return result;
  };

  const failed = (c: Context, session: ConsoleSession, error: unknown, draft?: AccountsPageProps['draft']) => {
    const e = toAppError(error);
    if (e.code === 'INTERNAL') throw error;
    const status = e.code === 'NOT_FOUND' ? 404 : e.code === 'CONFLICT' ? 409 : e.code === 'FORBIDDEN' ? 403 : 400;
    return render(c, session, { error: e.userMessage, status, draft });
  };

  app.get(ACCOUNTS_PATH, async (c) => {
    const g = await gate(c);
    if (g.response) return g.response;
    const done = c.req.query('ok');
    return render(c, g.session, { notice: done ? NOTICES[done] : undefined });
  });

  app.post(ACCOUNTS_PATH, async (c) => {
    const g = await gate(c);
    if (g.response) return g.response;
    const { one, units: chosen } = await fieldsOf(c);
    if (!isCsrfValid(c, g.session.csrfToken, one[CSRF_FIELD])) return refused(c);
    const draft = { login: one.login, role: one.role, units: chosen };
    try {
      const password = generatePassword();
      const account = await addAccount(deps.accounts, {
        login: one.login ?? '',
        role: one.role ?? '',
        units: chosen,
        password,
        by: by(g.session),
        mustChangePassword: true,
      });
      // answered directly (no redirect): the password never appears in a URL or a later page
      return render(c, g.session, {
        notice: `Đã thêm tài khoản ${account.login}.`,
        oneTimePassword: { login: account.login, password },
      });
    } catch (error) {
      return failed(c, g.session, error, draft);
    }
  });

  app.post(`${ACCOUNTS_PATH}/:login/khoa`, async (c) => {
    const g = await gate(c);
    if (g.response) return g.response;
    const { one } = await fieldsOf(c);
    if (!isCsrfValid(c, g.session.csrfToken, one[CSRF_FIELD])) return refused(c);
    const login = c.req.param('login');
    try {
      if (login === g.session.account.login)
        return render(c, g.session, { error: 'Không thể tự khoá tài khoản đang đăng nhập.', status: 409 });
      await disableAccount(deps.accounts, { login, by: by(g.session) });
    } catch (error) {
      return failed(c, g.session, error);
    }
    return c.redirect(`${ACCOUNTS_PATH}?ok=disabled`, 303);
  });

  app.post(`${ACCOUNTS_PATH}/:login/dat-lai-mat-khau`, async (c) => {
    const g = await gate(c);
    if (g.response) return g.response;
    const { one } = await fieldsOf(c);
    if (!isCsrfValid(c, g.session.csrfToken, one[CSRF_FIELD])) return refused(c);
    try {
      const result = await resetPassword(deps.accounts, { login: c.req.param('login'), by: by(g.session) });
      return render(c, g.session, {
        notice: `Đã đặt lại mật khẩu của ${result.login}; các phiên đăng nhập cũ đã kết thúc.`,
        oneTimePassword: result.generated ? { login: result.login, password: result.generated } : undefined,
      });
    } catch (error) {
      return failed(c, g.session, error);
    }
  });
}

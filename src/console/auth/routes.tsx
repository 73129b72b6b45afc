// Sign-in, second factor, password change and sign-out: /admin/login, /admin/2fa, /admin/password, /admin/logout.
import type { Context, Hono } from 'hono';
import {
  changePassword,
  newTotpSecret,
  SECOND_FACTOR_ROLES,
  signIn,
  totpUri,
  verifyTotp,
} from '../../accounts/index.js';
import { toAppError } from '../../shared/errors.js';
import type { ConsoleDeps } from '../deps.js';
import { CSRF_FIELD, isCsrfValid, isLoginCsrfValid, loginCsrfToken } from './csrf.js';
import { auditActorOf, endSession, readSession, startSession } from './session.js';
import { LoginPage, PasswordPage, RefusedPage, SecondFactorPage } from './views.js';

/** A form's text field (forms post strings; anything else counts as missing). */
export async function formOf(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody().catch(() => ({}));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function refused(c: Context) {
  return c.html(<RefusedPage />, 403);
}

function needsSecondFactor(deps: ConsoleDeps, account: { role: string; hasSecondFactor: boolean }): boolean {
  return (
    account.hasSecondFactor ||
    (deps.settings.requireSecondFactor &&
      SECOND_FACTOR_ROLES.includes(account.role as (typeof SECOND_FACTOR_ROLES)[number]))
  );
}

export function mountAuthRoutes(app: Hono, deps: ConsoleDeps): void {
  app.get('/admin/login', async (c) => {
    const session = await readSession(c, deps);
    if (session && !session.isPending) return c.redirect('/admin/', 303);
    const notice = c.req.query('ra') !== undefined ? 'Bạn đã đăng xuất.' : undefined;
    return c.html(<LoginPage csrf={loginCsrfToken(c)} notice={notice} />);
  });

  app.post('/admin/login', async (c) => {
    const form = await formOf(c);
    if (!isLoginCsrfValid(c, form[CSRF_FIELD])) return refused(c);
    const login = (form.login ?? '').slice(0, 100);
    try {
      const account = await signIn(deps.accounts, { login, password: form.password ?? '', address: deps.clientKey(c) });
      // always a new session id at sign-in: a session planted before it is worth nothing after
      await startSession(c, deps, account, { isPending: needsSecondFactor(deps, account) });
      if (needsSecondFactor(deps, account)) return c.redirect('/admin/2fa', 303);
      return c.redirect(account.mustChangePassword ? '/admin/password' : '/admin/', 303);
    } catch (error) {
      const e = toAppError(error);
      if (e.code !== 'UNAUTHORIZED' && e.code !== 'RATE_LIMITED') throw error;
      return c.html(
        <LoginPage csrf={loginCsrfToken(c)} error={e.userMessage} login={login} />,
        e.code === 'RATE_LIMITED' ? 429 : 401,
      );
    }
  });

  app.get('/admin/2fa', async (c) => {
    const session = await readSession(c, deps);
    if (!session) return c.redirect('/admin/login', 303);
    if (!session.isPending) return c.redirect('/admin/', 303);
    const enrol = session.account.totpSecret
      ? undefined
      : (() => {
          const secret = newTotpSecret();
          return { secret, uri: totpUri(secret, session.account.login) };
        })();
    return c.html(<SecondFactorPage csrf={session.csrfToken} enrol={enrol} />);
  });

  app.post('/admin/2fa', async (c) => {
    const session = await readSession(c, deps);
    if (!session) return c.redirect('/admin/login', 303);
    const form = await formOf(c);
    if (!isCsrfValid(c, session.csrfToken, form[CSRF_FIELD])) return refused(c);
    const now = deps.accounts.clock.now();
    const enrolling = !session.account.totpSecret;
    const secret = session.account.totpSecret ?? (form.secret ?? '').toUpperCase();
    if (!/^[A-Z2-7]{32}$/.test(secret) || !verifyTotp(secret, form.code ?? '', now)) {
      const key = `totp:${session.account.login}`;
      const failures = deps.accounts.rateLimiter ? await deps.accounts.rateLimiter.hit(key, now, 15 * 60_000) : 0;
      if (failures > 5) {
        await endSession(c, deps);
        return c.redirect('/admin/login', 303);
      }
      return c.html(
        <SecondFactorPage
          csrf={session.csrfToken}
          error="Mã xác thực không đúng hoặc đã hết hạn."
          enrol={enrolling ? { secret, uri: totpUri(secret, session.account.login) } : undefined}
        />,
        401,
      );
    }
    if (enrolling)
      await deps.accounts.store.updateAccount(
        session.account.id,
        { totpSecret: secret },
        {
          actor: auditActorOf(session),
          action: 'account.second_factor_enrolled',
          entity: 'account',
          entityId: session.account.login,
          before: null,
          after: null,
        },
        now,
      );
    // a fresh id once both factors are proven, too
    await startSession(c, deps, session.account, { isPending: false });
    return c.redirect(session.account.mustChangePassword ? '/admin/password' : '/admin/', 303);
  });

  app.get('/admin/password', async (c) => {
    const session = await readSession(c, deps);
    if (!session || session.isPending) return c.redirect('/admin/login', 303);
    return c.html(<PasswordPage csrf={session.csrfToken} isRequired={session.account.mustChangePassword} />);
  });

  app.post('/admin/password', async (c) => {
    const session = await readSession(c, deps);
    if (!session || session.isPending) return c.redirect('/admin/login', 303);
    const form = await formOf(c);
    if (!isCsrfValid(c, session.csrfToken, form[CSRF_FIELD])) return refused(c);
    try {
      await changePassword(deps.accounts, {
        accountId: session.account.id,
        current: form.current ?? '',
        next: form.next ?? '',
      });
    } catch (error) {
      const e = toAppError(error);
      if (e.code !== 'BAD_INPUT') throw error;
      return c.html(
        <PasswordPage csrf={session.csrfToken} error={e.userMessage} isRequired={session.account.mustChangePassword} />,
        400,
      );
    }
    // every other session of the account ends with the old password
    await deps.accounts.store.deleteSessionsOf(session.account.id);
    await startSession(c, deps, session.account, { isPending: false });
    return c.redirect('/admin/', 303);
  });

  app.post('/admin/logout', async (c) => {
    const session = await readSession(c, deps);
    const form = await formOf(c);
    if (session && !isCsrfValid(c, session.csrfToken, form[CSRF_FIELD])) return refused(c);
    await endSession(c, deps);
    return c.redirect('/admin/login?ra', 303);
  });
}

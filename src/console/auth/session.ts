// Console sessions: a random id in an HttpOnly SameSite=Strict cookie (Secure behind HTTPS), the database keeping
// only its hash with the account, a CSRF token, and idle and absolute expiry. A sign-in always starts a new session
// (no fixation); sign-out deletes it.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { type Account, hashSecret, newSecret } from '../../accounts/index.js';
import type { ConsoleDeps } from '../deps.js';

export const SESSION_COOKIE = 'tiepdan_console';

export interface ConsoleSession {
  idHash: string;
  account: Account & { totpSecret: string | null };
  csrfToken: string;
  /** The password was right; the second factor is still to come. */
  isPending: boolean;
}

/** Whether the request reached us over HTTPS (directly, or through a proxy that says so). */
/** How the audit trail names the account acting in the console: role and login ("editor:lan"). */
export function auditActorOf(session: Pick<ConsoleSession, 'account'>): string {
  return `${session.account.role}:${session.account.login}`;
}

export function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

export function cookieOptions(c: Context) {
  return { path: '/', httpOnly: true, sameSite: 'Strict' as const, secure: isHttps(c) };
}

/** Starts a new session for the account and sets its cookie; any session the browser had is ended first. */
export async function startSession(
  c: Context,
  deps: ConsoleDeps,
  account: Account,
  options: { isPending: boolean },
): Promise<void> {
  await endSession(c, deps);
  const id = newSecret();
  const now = deps.accounts.clock.now();
  await deps.accounts.store.createSession(hashSecret(id), {
    accountId: account.id,
    csrfToken: newSecret(),
    isPending: options.isPending,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + deps.settings.sessionMaxMs),
  });
  setCookie(c, SESSION_COOKIE, id, cookieOptions(c));
}

/** Deletes the browser's session (if any) and its cookie. */
export async function endSession(c: Context, deps: ConsoleDeps): Promise<void> {
  const id = getCookie(c, SESSION_COOKIE);
  if (id) await deps.accounts.store.deleteSession(hashSecret(id));
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
}

/** The live session of this request, or undefined (none, expired, idle too long, account disabled). */
export async function readSession(c: Context, deps: ConsoleDeps): Promise<ConsoleSession | undefined> {
  const id = getCookie(c, SESSION_COOKIE);
  if (!id || id.length > 100) return undefined;
  const idHash = hashSecret(id);
  const store = deps.accounts.store;
  const session = await store.findSession(idHash);
  if (!session) return undefined;
  const now = deps.accounts.clock.now();
  const isIdle = now.getTime() - session.lastSeenAt.getTime() > deps.settings.sessionIdleMs;
  if (session.expiresAt <= now || isIdle) {
    await store.deleteSession(idHash);
    return undefined;
  }
  const account = await store.findById(session.accountId);
  if (!account || account.disabledAt) {
    await store.deleteSession(idHash);
    return undefined;
  }
  // the last activity, to the quarter minute: not one write per request
  if (now.getTime() - session.lastSeenAt.getTime() > 15_000) await store.touchSession(idHash, now);
  return { idHash, account, csrfToken: session.csrfToken, isPending: session.isPending };
}

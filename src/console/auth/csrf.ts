// Cross-site request forgery: every state-changing form carries the session's CSRF token (or, for the sign-in form,
// a token doubled in a cookie), and the request must come from our own pages (Sec-Fetch-Site / Origin).
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { newSecret, sameSecret } from '../../accounts/index.js';
import { isSameOriginRequest } from '../../http/same-origin.js';
import { cookieOptions } from './session.js';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const LOGIN_CSRF_COOKIE = 'tiepdan_login_csrf';

/** Whether a submitted token matches the expected one and the request came from our own pages. */
export function isCsrfValid(c: Context, expected: string, given: string | undefined): boolean {
  return isSameOriginRequest(c) && typeof given === 'string' && given.length > 0 && sameSecret(given, expected);
}

/** The sign-in form's token (no session yet): kept in a cookie of its own and repeated in the form. */
export function loginCsrfToken(c: Context): string {
  const existing = getCookie(c, LOGIN_CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = newSecret();
  setCookie(c, LOGIN_CSRF_COOKIE, token, cookieOptions(c));
  return token;
}

export function isLoginCsrfValid(c: Context, given: string | undefined): boolean {
  const expected = getCookie(c, LOGIN_CSRF_COOKIE);
  return expected !== undefined && isCsrfValid(c, expected, given);
}

// Refuses state-changing requests that a browser makes on behalf of another site (cross-site request forgery):
// a form on any page can POST to us with the resident's or officer's cookie attached, or receive our Set-Cookie.
import type { Context, MiddlewareHandler } from 'hono';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface SameOriginOptions {
  /** Requests that carry their own credential (a header a cross-site form cannot set) need no check. */
  exempt?: (c: Context) => boolean;
}

/** The host of an Origin header ("null" and garbage give undefined). */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/**
 * Whether a browser sent this request from our own pages. Browsers say so in Sec-Fetch-Site (every current one);
 * older ones send Origin on a cross-site POST, compared here with the Host the request was sent to. A request with
 * neither comes from a program, not from a page a resident was lured to, and is let through.
 */
export function isSameOriginRequest(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = c.req.header('origin');
  if (origin === undefined) return true;
  const host = c.req.header('host');
  return host !== undefined && originHost(origin) === host;
}

/** Middleware: unsafe methods from another site get 403 with a Vietnamese JSON message. */
export function refuseCrossSite(options: SameOriginOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || options.exempt?.(c) || isSameOriginRequest(c)) return next();
    return c.json(
      {
        error: 'FORBIDDEN',
        message: 'Yêu cầu gửi từ một trang web khác nên bị từ chối. Vui lòng dùng trực tiếp trang hỏi đáp.',
      },
      403,
    );
  };
}

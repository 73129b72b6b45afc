// The small typed client of the Zalo OA Open API v3 (send) and OAuth v4 (tokens): node:http(s), kept-alive connections.
import http from 'node:http';
import https from 'node:https';
import { ZaloApiError, ZaloNetworkError } from './errors.js';
import type { ZaloSendBody } from './to-zalo.js';

export interface ZaloClientOptions {
  /** ZALO_API_BASE, e.g. https://openapi.zalo.me (no trailing slash). */
  apiBase: string;
  /** ZALO_OAUTH_BASE, e.g. https://oauth.zaloapp.com. */
  oauthBase: string;
  appId: string;
  /** The app secret (header `secret_key` of the token call). Never logged. */
  appSecret: string;
  /** Per call (default 10 s). */
  timeoutMs?: number;
}

/** A token pair from OAuth v4. `expiresInSeconds` is parsed from Zalo's string. */
export interface ZaloTokenPair {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

export interface ZaloSendResult {
  messageId: string;
  userId: string;
}

export const SEND_PATH = '/v3.0/oa/message/cs';
export const TOKEN_PATH = '/v4/oa/access_token';

export interface ZaloClient {
  /** POST /v3.0/oa/message/cs. Rejects with ZaloApiError (code) or ZaloNetworkError. */
  send(accessToken: string, body: ZaloSendBody): Promise<ZaloSendResult>;
  /** POST /v4/oa/access_token with grant_type=refresh_token. The refresh token is spent by this call. */
  refresh(refreshToken: string): Promise<ZaloTokenPair>;
}

type Json = Record<string, unknown>;

interface Post {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * One POST over node:http(s) with a kept-alive connection pool, as telegraf does for Telegram. `fetch` (undici) cost
 * about twice the main-thread time per send in the bench: a stream made of every body, a Headers object and an abort
 * signal per call, and the head and body written separately.
 */
function post(agents: { http: http.Agent; https: https.Agent }, request: Post, timeoutMs: number) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const url = new URL(request.url);
    const isHttps = url.protocol === 'https:';
    const body = Buffer.from(request.body, 'utf8');
    const req = (isHttps ? https : http).request(
      url,
      {
        method: 'POST',
        agent: isHttps ? agents.https : agents.http,
        headers: { ...request.headers, 'content-length': String(body.length) },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    // the timeout covers a silent connection as AbortSignal.timeout did: no answer within timeoutMs is a network error
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function call(
  endpoint: string,
  agents: { http: http.Agent; https: https.Agent },
  request: Post,
  timeoutMs: number,
): Promise<Json> {
  let response: { status: number; text: string };
  try {
    response = await post(agents, request, timeoutMs);
  } catch (error) {
    throw new ZaloNetworkError(endpoint, error);
  }
  const isOk = response.status >= 200 && response.status < 300;
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    // a proxy's HTML error page, or a 5xx: Zalo did not answer as Zalo
    if (response.status >= 500) throw new ZaloNetworkError(endpoint, new Error(`HTTP ${response.status}`));
    throw new ZaloApiError(endpoint, -response.status, `HTTP ${response.status}, not JSON`);
  }
  if (typeof body !== 'object' || body === null) throw new ZaloApiError(endpoint, -1, 'unexpected body');
  const json = body as Json;
  // OA API: { error: 0 } on success, a negative code otherwise, usually with HTTP 200
  const code = typeof json.error === 'number' ? json.error : Number(json.error ?? 0);
  if (Number.isFinite(code) && code !== 0) {
    const description = typeof json.message === 'string' ? json.message : String(json.error_description ?? '');
    throw new ZaloApiError(endpoint, code < 0 ? code : -Math.abs(code), description);
  }
  if (!isOk) throw new ZaloNetworkError(endpoint, new Error(`HTTP ${response.status}`));
  return json;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  // ids come as strings; a number here has already lost digits, so it is refused rather than guessed
  return undefined;
}

export function createZaloClient(options: ZaloClientOptions): ZaloClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  // idle kept-alive sockets are unref'd by the agent: they never hold the process open
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  return {
    async send(accessToken, body) {
      const json = await call(
        'message/cs',
        agents,
        {
          url: `${options.apiBase}${SEND_PATH}`,
          headers: { 'content-type': 'application/json', access_token: accessToken },
          body: JSON.stringify(body),
        },
        timeoutMs,
      );
      const data = (typeof json.data === 'object' && json.data !== null ? json.data : {}) as Json;
      return { messageId: str(data.message_id) ?? '', userId: str(data.user_id) ?? body.recipient.user_id };
    },
    async refresh(refreshToken) {
      const form = new URLSearchParams({
        refresh_token: refreshToken,
        app_id: options.appId,
        grant_type: 'refresh_token',
      });
      const json = await call(
        'oauth/access_token',
        agents,
        {
          url: `${options.oauthBase}${TOKEN_PATH}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: options.appSecret },
          body: form.toString(),
        },
        timeoutMs,
      );
      const accessToken = str(json.access_token);
      const newRefresh = str(json.refresh_token);
      const expiresIn = Number(json.expires_in ?? 0);
      if (!accessToken || !newRefresh) throw new ZaloApiError('oauth/access_token', -1, 'no token in the answer');
      return {
        accessToken,
        refreshToken: newRefresh,
        expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600,
      };
    },
  };
}

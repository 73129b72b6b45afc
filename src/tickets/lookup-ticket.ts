// Use case: look up a ticket by its tracking code from any channel. Typos are caught by the check symbol and
// repeated wrong codes from one requester are rate-limited (RateLimit table), so codes cannot be enumerated.
import { AppError } from '../shared/errors.js';
import type { TicketDeps } from './deps.js';
import { formatPublicView, type PublicTicketView, toPublicView } from './public-view.js';
import { parseTrackingCode } from './tracking-code.js';

export interface LookupTicketOptions {
  code: string;
  /** Who asks: a channel user, or any stable key (e.g. "ip:1.2.3.4" for HTTP). */
  requester: { channel: string; channelUserId: string } | { key: string };
}

export interface LookupTicketResult {
  view: PublicTicketView;
  /** Ready-to-send chat text. */
  text: string;
}

/** Wrong codes allowed per window before lookups are refused. */
export const LOOKUP_MAX_WRONG = 5;
export const LOOKUP_WINDOW_MS = 15 * 60_000;

/** A requester's wrong-code counter: shared by lookups and typed disputes, so neither can be used to enumerate codes. */
export function wrongCodeKey(requester: LookupTicketOptions['requester']): string {
  return 'key' in requester ? `lookup:${requester.key}` : `lookup:${requester.channel}:${requester.channelUserId}`;
}

/** Throws RATE_LIMITED when the requester has typed too many wrong codes lately. */
export async function assertUnderWrongCodeLimit(deps: TicketDeps, key: string, now: Date): Promise<void> {
  const limiter = deps.rateLimiter;
  if (limiter && (await limiter.current(key, now, LOOKUP_WINDOW_MS)) >= LOOKUP_MAX_WRONG) {
    throw new AppError('RATE_LIMITED', 'Too many wrong tracking codes', {
      userMessage: `Bạn đã nhập sai mã nhiều lần. Vui lòng thử lại sau ${LOOKUP_WINDOW_MS / 60_000} phút.`,
    });
  }
}

/** Counts one wrong code against the requester, then throws `error`. */
export async function rejectWrongCode(deps: TicketDeps, key: string, now: Date, error: AppError): Promise<never> {
  if (deps.rateLimiter) await deps.rateLimiter.hit(key, now, LOOKUP_WINDOW_MS);
  throw error;
}

export async function lookupTicket(deps: TicketDeps, options: LookupTicketOptions): Promise<LookupTicketResult> {
  const key = wrongCodeKey(options.requester);
  const now = deps.clock.now();
  await assertUnderWrongCodeLimit(deps, key, now);
  const wrong = (error: AppError): Promise<never> => rejectWrongCode(deps, key, now, error);
  const parsed = parseTrackingCode(options.code);
  if (!parsed.ok) {
    return wrong(
      new AppError('BAD_INPUT', `Tracking code rejected (${parsed.reason})`, {
        userMessage:
          parsed.reason === 'check'
            ? `Mã "${options.code.trim()}" có vẻ bị gõ nhầm một ký tự. Vui lòng kiểm tra lại mã trong tin nhắn xác nhận.`
            : `"${options.code.trim()}" không phải mã tra cứu. Mã có dạng PA-2611-7K3QXW.`,
        details: { reason: parsed.reason },
      }),
    );
  }
  const ticket = await deps.store.findTicket({ code: parsed.code });
  if (!ticket) {
    return wrong(
      new AppError('NOT_FOUND', 'No ticket with this code', {
        userMessage: `Không tìm thấy yêu cầu có mã ${parsed.code}.`,
      }),
    );
  }
  const view = toPublicView(ticket, deps.settings);
  return { view, text: formatPublicView(view) };
}

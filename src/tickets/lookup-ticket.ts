// Use case: look up a ticket by its tracking code from any channel. Typos are caught by the check symbol and
// repeated wrong codes from one requester are rate-limited (RateLimit table), so codes cannot be enumerated.
import { AppError } from '../shared/errors.js';
import type { TicketDeps } from './deps.js';
import { formatPublicView, type PublicTicketView, toPublicView } from './public-view.js';
import { parseTrackingCode } from './tracking-code.js';

/** Who asks: a channel user (with the network address the channel saw, if any), or any stable key (HTTP). */
export type Requester =
  | { channel: string; channelUserId: string; clientAddress?: string | undefined }
  | { key: string; clientAddress?: string | undefined };

export interface LookupTicketOptions {
  code: string;
  requester: Requester;
}

export interface LookupTicketResult {
  view: PublicTicketView;
  /** Ready-to-send chat text. */
  text: string;
}

/** Wrong codes allowed per window before lookups are refused: per chat user, per network address, over everyone. */
export const LOOKUP_MAX_WRONG = 5;
export const LOOKUP_MAX_WRONG_PER_ADDRESS = 20;
export const LOOKUP_MAX_WRONG_OVERALL = 300;
export const LOOKUP_WINDOW_MS = 15 * 60_000;

/** One counter of wrong codes and how many it allows in a window. */
export interface WrongCodeBudget {
  key: string;
  max: number;
  /** The everyone-together budget: its refusal is worded for residents who did nothing wrong. */
  overall?: true;
}

/**
 * The counters a requester's wrong codes go to, shared by lookups, typed disputes and ticket buttons, so none of
 * them can be used to enumerate codes: the chat user (a new web session is a new user, so not enough alone), the
 * client's address (a household or a mobile operator's NAT may share one, hence a larger budget), and everyone.
 */
export function wrongCodeBudgets(requester: Requester): WrongCodeBudget[] {
  const own = 'key' in requester ? requester.key : `${requester.channel}:${requester.channelUserId}`;
  return [
    { key: `lookup:${own}`, max: LOOKUP_MAX_WRONG },
    ...(requester.clientAddress
      ? [{ key: `lookup:addr:${requester.clientAddress}`, max: LOOKUP_MAX_WRONG_PER_ADDRESS }]
      : []),
    { key: 'lookup:*', max: LOOKUP_MAX_WRONG_OVERALL, overall: true },
  ];
}

/** Throws RATE_LIMITED when a requester's counter (or everyone's) is spent for this window. */
export async function assertUnderWrongCodeLimit(
  deps: TicketDeps,
  budgets: WrongCodeBudget[],
  now: Date,
): Promise<void> {
  const limiter = deps.rateLimiter;
  if (!limiter) return;
  for (const budget of budgets) {
    if ((await limiter.current(budget.key, now, LOOKUP_WINDOW_MS)) < budget.max) continue;
    const minutes = LOOKUP_WINDOW_MS / 60_000;
    throw new AppError(
      'RATE_LIMITED',
      budget.overall ? 'Wrong-code budget of all requesters spent' : 'Too many wrong tracking codes',
      {
        userMessage: budget.overall
          ? `Việc tra cứu mã đang tạm dừng vì có quá nhiều lượt nhập mã sai. Vui lòng thử lại sau ${minutes} phút.`
          : `Bạn đã nhập sai mã nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
        details: { overall: budget.overall === true },
      },
    );
  }
}

/** Counts one wrong code against each of the requester's counters, then throws `error`. */
export async function rejectWrongCode(
  deps: TicketDeps,
  budgets: WrongCodeBudget[],
  now: Date,
  error: AppError,
): Promise<never> {
  if (deps.rateLimiter) for (const budget of budgets) await deps.rateLimiter.hit(budget.key, now, LOOKUP_WINDOW_MS);
  throw error;
}

export async function lookupTicket(deps: TicketDeps, options: LookupTicketOptions): Promise<LookupTicketResult> {
  const budgets = wrongCodeBudgets(options.requester);
  const now = deps.clock.now();
  await assertUnderWrongCodeLimit(deps, budgets, now);
  const wrong = (error: AppError): Promise<never> => rejectWrongCode(deps, budgets, now, error);
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

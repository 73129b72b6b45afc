// Time limits of petitions, complaints, denunciations and questions, computed from the effective-dated rules of
// settings/deadlines.yaml over the Vietnamese working-day calendar.
//
// How days are counted (decided here, tested in test/tickets/deadline-table.test.ts):
// - A period starts the day after the event (Civil Code 2015, Art. 147(1)): a ticket received on Monday has
//   day 1 on Tuesday.
// - "ngày làm việc" (working days) skip Saturdays, Sundays and days off; a Saturday worked to make up a swapped day
//   (làm bù) counts.
// - The Law on Complaints 2011 (Art. 28, 33, 37) and the Law on Denunciations 2018 (Art. 30) say "ngày" without
//   "làm việc", where the same laws write "ngày làm việc" when they mean working days. Those rules are
//   `counting: calendar`: calendar days, and when the last day is a weekend or a day off the period ends at the end
//   of the next working day (Civil Code 2015, Art. 148(5)). Some inspectorates count working days instead;
//   settings/deadlines.yaml `legalDayCounting: working` switches every calendar rule to that.
// - A deadline is the end (23:59:59.999) of its last day in Vietnam time (UTC+7, no daylight saving).
// - Which rule: the one in force on the day of receipt; an extension, or the second look after a dispute, uses the
//   rule in force on its own day.
import {
  type ComplaintRound,
  type DayCounting,
  type DeadlineRule,
  type DeadlineSettings,
  type DeadlineStep,
  findRule,
  ruleLabel,
} from './deadline-rules.js';
import { addDaysIso, type HolidayCalendar, isoToUtcMs } from './holidays.js';
import type { TicketKind } from './types.js';

const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** Calendar date in Vietnam of an instant. */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last instant of a Vietnamese calendar day. */
export function endOfVietnamDay(iso: string): Date {
  return new Date(isoToUtcMs(iso) + 86_400_000 - 1 - VIETNAM_OFFSET_MS);
}

/** The n-th working day after `fromIso` (the start day itself does not count). */
export function addWorkingDays(fromIso: string, n: number, calendar: HolidayCalendar): string {
  let day = fromIso;
  let counted = 0;
  while (counted < n) {
    day = addDaysIso(day, 1);
    if (calendar.isWorkingDay(day)) counted++;
  }
  return day;
}

/** n calendar days after `fromIso`; a last day that is not a working day moves to the next working day. */
export function addCalendarDays(fromIso: string, n: number, calendar: HolidayCalendar): string {
  let day = addDaysIso(fromIso, n);
  while (!calendar.isWorkingDay(day)) day = addDaysIso(day, 1);
  return day;
}

export function addLegalDays(fromIso: string, n: number, counting: DayCounting, calendar: HolidayCalendar): string {
  return counting === 'working' ? addWorkingDays(fromIso, n, calendar) : addCalendarDays(fromIso, n, calendar);
}

/** How a rule's days are counted once the `legalDayCounting` knob is applied to "ngày" rules. */
export function countingOf(rule: DeadlineRule, settings: Pick<DeadlineSettings, 'legalDayCounting'>): DayCounting {
  return rule.counting === 'calendar' ? settings.legalDayCounting : 'working';
}

/** The facts of a ticket that its time limits depend on. Dates are Vietnam days (YYYY-MM-DD). */
export interface DeadlineFacts {
  kind: TicketKind;
  category: string | null;
  isRemoteArea: boolean;
  isComplex: boolean;
  isSecondTime: boolean;
  extensions: number;
  receivedOn: string;
  /** Acceptance (thụ lý): complaint and denunciation settlement and the denouncer's notice count from it. */
  acceptedOn: string | null;
  /**
   * The day a disputed answer reopened the ticket: its new settlement period counts from this day, with the rules in
   * force on it (a complaint then runs as a second-time complaint).
   */
  reopenedOn?: string | null | undefined;
  /** Denunciations: the acceptance period was lengthened with a recorded reason. */
  acknowledgeExtended?: boolean | undefined;
  /** The day extensions were granted on (their rule is the one in force then); default: the acceptance day. */
  extendedOn?: string | null | undefined;
  /** Complaints: the day the resident received the first decision (the answer), for the second-complaint window. */
  decidedOn?: string | null | undefined;
  /** Working days to answer a petition or question in its category (settings/categories.yaml). */
  categoryDays?: number | undefined;
}

/** One time limit of a ticket: its label, date, how it was counted and the rule behind it. */
export interface PlannedDeadline {
  step: DeadlineStep;
  label: string;
  /** YYYY-MM-DD, or null when it cannot be set yet (see `pending`). */
  date: string | null;
  /** The day counting runs from (the day itself not counted). */
  from: string | null;
  days: number | null;
  counting: DayCounting | null;
  rule: DeadlineRule | null;
  /** Why there is no date yet, in Vietnamese. */
  pending?: string | undefined;
  /** Denunciations: the acceptance deadline if lengthened with a recorded reason (not applied). */
  extendedDate?: string | undefined;
  extendedDays?: number | undefined;
}

export interface DeadlineContext {
  settings: DeadlineSettings;
  calendar: HolidayCalendar;
}

function roundOf(facts: Pick<DeadlineFacts, 'kind' | 'isSecondTime'>): ComplaintRound | undefined {
  return facts.kind === 'complaint' ? (facts.isSecondTime ? 'second' : 'first') : undefined;
}

/** The days a rule gives for these facts; undefined when the category's days are needed and unknown. */
export function ruleDays(rule: DeadlineRule, facts: DeadlineFacts): number | undefined {
  if (rule.days === 'category') return facts.categoryDays;
  if (rule.step === 'settle' || rule.step === 'appeal') {
    if (facts.isRemoteArea && facts.isComplex && rule.remoteComplexDays !== undefined) return rule.remoteComplexDays;
    if (facts.isRemoteArea && rule.remoteDays !== undefined) return rule.remoteDays;
    if (facts.isComplex && rule.complexDays !== undefined) return rule.complexDays;
  }
  if (rule.step === 'acknowledge' && facts.acknowledgeExtended && rule.extendedDays !== undefined)
    return rule.extendedDays;
  return rule.days;
}

function planned(
  step: DeadlineStep,
  rule: DeadlineRule | undefined,
  from: string | null,
  days: number | undefined,
  ctx: DeadlineContext,
  pending?: string,
): PlannedDeadline {
  if (!rule)
    return {
      step,
      label: STEP_FALLBACK_LABEL[step],
      date: null,
      from,
      days: null,
      counting: null,
      rule: null,
      pending,
    };
  const counting = countingOf(rule, ctx.settings);
  const date = from !== null && days !== undefined ? addLegalDays(from, days, counting, ctx.calendar) : null;
  const why =
    pending ??
    (days === undefined ? 'chưa chọn lĩnh vực (số ngày theo lĩnh vực, settings/categories.yaml)' : undefined);
  return {
    step,
    label: ruleLabel(rule),
    date,
    from,
    days: days ?? null,
    counting,
    rule,
    pending: date ? undefined : why,
  };
}

const STEP_FALLBACK_LABEL: Record<DeadlineStep, string> = {
  acknowledge: 'Hạn thụ lý',
  forward: 'Hạn chuyển đơn',
  notify: 'Hạn thông báo việc thụ lý',
  settle: 'Hạn giải quyết',
  extension: 'Gia hạn',
  appeal: 'Hạn khiếu nại lần hai',
};

const NO_RULE = 'không có quy tắc nào có hiệu lực vào ngày này trong settings/deadlines.yaml';

/** Acceptance, or the notice of what happened to the ticket, counted from receipt. */
export function acknowledgeDeadline(facts: DeadlineFacts, ctx: DeadlineContext): PlannedDeadline {
  const rule = findRule(ctx.settings.rules, {
    step: 'acknowledge',
    kind: facts.kind,
    round: roundOf(facts),
    category: facts.category,
    on: facts.receivedOn,
  });
  const p = planned(
    'acknowledge',
    rule,
    facts.receivedOn,
    rule ? ruleDays(rule, facts) : undefined,
    ctx,
    rule ? undefined : NO_RULE,
  );
  if (rule?.extendedDays !== undefined && !facts.acknowledgeExtended) {
    p.extendedDays = rule.extendedDays;
    p.extendedDate = addLegalDays(facts.receivedOn, rule.extendedDays, countingOf(rule, ctx.settings), ctx.calendar);
  }
  return p;
}

/** Forwarding what is not the desk's to decide, counted from receipt; undefined where no rule asks for it. */
export function forwardDeadline(facts: DeadlineFacts, ctx: DeadlineContext): PlannedDeadline | undefined {
  const rule = findRule(ctx.settings.rules, {
    step: 'forward',
    kind: facts.kind,
    round: roundOf(facts),
    category: facts.category,
    on: facts.receivedOn,
  });
  return rule ? planned('forward', rule, facts.receivedOn, ruleDays(rule, facts), ctx) : undefined;
}

/** Telling the sender of the acceptance, counted from acceptance; undefined where no rule asks for it. */
export function notifyDeadline(facts: DeadlineFacts, ctx: DeadlineContext): PlannedDeadline | undefined {
  const rule = findRule(ctx.settings.rules, {
    step: 'notify',
    kind: facts.kind,
    round: roundOf(facts),
    category: facts.category,
    on: facts.receivedOn,
  });
  if (!rule) return undefined;
  return planned(
    'notify',
    rule,
    facts.acceptedOn,
    ruleDays(rule, facts),
    ctx,
    facts.acceptedOn ? undefined : 'tính từ ngày thụ lý (chưa thụ lý)',
  );
}

/** Whether the settlement period runs from acceptance (thụ lý) rather than receipt. */
export function deadlineRunsFromAcceptance(kind: TicketKind): boolean {
  return kind === 'complaint' || kind === 'denunciation';
}

/**
 * The answer: complaints and denunciations from acceptance, petitions and questions from receipt; a reopened ticket
 * from the day it was reopened. Denunciations add each extension (the rule in force on the extension's day).
 */
export function settleDeadline(facts: DeadlineFacts, ctx: DeadlineContext): PlannedDeadline {
  const ruleDay = facts.reopenedOn ?? facts.receivedOn;
  const rule = findRule(ctx.settings.rules, {
    step: 'settle',
    kind: facts.kind,
    round: roundOf(facts),
    category: facts.category,
    on: ruleDay,
  });
  if (!rule) return planned('settle', undefined, null, undefined, ctx, NO_RULE);
  const from = facts.reopenedOn ?? (deadlineRunsFromAcceptance(facts.kind) ? facts.acceptedOn : facts.receivedOn);
  let days = ruleDays(rule, facts);
  let pending: string | undefined = from === null ? 'tính từ ngày thụ lý (chưa thụ lý)' : undefined;
  if (days !== undefined && facts.extensions > 0 && facts.kind === 'denunciation') {
    const extension = findRule(ctx.settings.rules, {
      step: 'extension',
      kind: facts.kind,
      on: facts.extendedOn ?? facts.acceptedOn ?? facts.receivedOn,
    });
    if (extension && typeof extension.days === 'number') days += extension.days * facts.extensions;
    else pending = `không có quy tắc gia hạn có hiệu lực (${NO_RULE})`;
  }
  const p = planned('settle', rule, from, days, ctx, pending);
  if (pending && p.date) return { ...p, date: null, pending };
  return p;
}

/**
 * The window for a second-time complaint (Law on Complaints 2011, Art. 33): from the day the first decision was
 * received, or, without a decision, from the end of the settlement period. Undefined for anything but a first-time
 * complaint.
 */
export function appealDeadline(
  facts: DeadlineFacts,
  ctx: DeadlineContext,
  settleBy?: string | null,
): PlannedDeadline | undefined {
  if (facts.kind !== 'complaint' || facts.isSecondTime) return undefined;
  const from = facts.decidedOn ?? settleBy ?? null;
  const rule = findRule(ctx.settings.rules, {
    step: 'appeal',
    kind: 'complaint',
    round: 'first',
    on: facts.decidedOn ?? facts.receivedOn,
  });
  if (!rule) return undefined;
  return planned(
    'appeal',
    rule,
    from,
    ruleDays(rule, facts),
    ctx,
    from ? undefined : 'tính từ ngày nhận quyết định giải quyết lần đầu hoặc ngày hết hạn giải quyết',
  );
}

/** Every time limit of a ticket, in the one order used everywhere (receipt, lookup, `tickets show`, console). */
export function planDeadlines(facts: DeadlineFacts, ctx: DeadlineContext): PlannedDeadline[] {
  const settle = settleDeadline(facts, ctx);
  return [
    forwardDeadline(facts, ctx),
    acknowledgeDeadline(facts, ctx),
    notifyDeadline(facts, ctx),
    settle,
    appealDeadline(facts, ctx, settle.date),
  ].filter((d): d is PlannedDeadline => d !== undefined);
}

/** The deadline that matters now: acknowledgement while received, the answer deadline after. */
export function currentDeadline(ticket: { status: string; acknowledgeBy: Date; dueAt: Date | null }): Date | null {
  if (ticket.status === 'received')
    return ticket.dueAt && ticket.dueAt < ticket.acknowledgeBy ? ticket.dueAt : ticket.acknowledgeBy;
  if (['accepted', 'in_progress'].includes(ticket.status)) return ticket.dueAt;
  return null;
}

/** Working days from today until a deadline (0 = due today, negative = overdue), in Vietnam dates. */
export function workingDaysLeft(now: Date, deadline: Date, calendar: HolidayCalendar): number {
  const today = vietnamDate(now);
  const last = vietnamDate(deadline);
  if (last === today) return 0;
  const sign = last > today ? 1 : -1;
  let day = today;
  let count = 0;
  while (day !== last) {
    day = addDaysIso(day, sign);
    if (calendar.isWorkingDay(day)) count += sign;
  }
  return count;
}

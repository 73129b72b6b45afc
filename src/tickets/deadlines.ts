// Legal time limits: acknowledgement, complaint, denunciation and petition answer deadlines, counted over the
// Vietnamese working-day calendar.
//
// How days are counted (decided here, tested in test/tickets/calendar.test.ts, "deadlines"):
// - A period starts the day after the event (Civil Code 2015, Art. 147(1)): a ticket received on Monday has
//   day 1 on Tuesday.
// - "ngày làm việc" (working days) skip Saturdays, Sundays and days off: the 10-working-day acknowledgement
//   (Law on Citizen Reception 2013, Art. 28) and petition answers configured per category.
// - The Law on Complaints 2011 (Art. 28, 37) and the Law on Denunciations 2018 (Art. 30) say "ngày" without
//   "làm việc", where the same laws write "ngày làm việc" when they mean working days. We therefore count
//   complaint and denunciation limits in calendar days, and when the last day is a weekend or a day off the
//   period ends at the end of the next working day (Civil Code 2015, Art. 148(4)). Some inspectorates count
//   working days instead; settings/deadlines.yaml `legalDayCounting: working` switches to that.
// - A deadline is the end (23:59:59.999) of its last day in Vietnam time (UTC+7, no daylight saving).
import { addDaysIso, type HolidayCalendar, isoToUtcMs } from './holidays.js';
import type { TicketKind } from './types.js';

export type DayCounting = 'calendar' | 'working';

export interface DeadlineRules {
  /** Working days to tell the resident whether the ticket was accepted, refused or forwarded. */
  acknowledgeWorkingDays: number;
  legalDayCounting: DayCounting;
  /** "due soon" = the deadline falls within this many working days. */
  dueSoonWorkingDays: number;
  /** Days after an answer in which the resident may dispute it. */
  disputeWindowDays: number;
}

export const DEFAULT_DEADLINE_RULES: DeadlineRules = {
  acknowledgeWorkingDays: 10,
  legalDayCounting: 'calendar',
  dueSoonWorkingDays: 2,
  disputeWindowDays: 30,
};

/** Law on Complaints 2011, Art. 28 (first time) and Art. 37 (second time), in days from acceptance (thụ lý). */
export const COMPLAINT_DAYS = {
  firstTime: { normal: 30, complex: 45, remote: 45, remoteComplex: 60 },
  secondTime: { normal: 45, complex: 60, remote: 60, remoteComplex: 70 },
} as const;

/** Law on Denunciations 2018, Art. 30: 30 days from acceptance, extendable once by 30, twice if especially complex. */
export const DENUNCIATION_DAYS = {
  base: 30,
  extension: 30,
  maxExtensions: 1,
  maxExtensionsEspeciallyComplex: 2,
} as const;

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

/** How many days a complaint may take, by the Law on Complaints' table. */
export function complaintDays(options: { isSecondTime: boolean; isRemoteArea: boolean; isComplex: boolean }): number {
  const row = options.isSecondTime ? COMPLAINT_DAYS.secondTime : COMPLAINT_DAYS.firstTime;
  if (options.isRemoteArea) return options.isComplex ? row.remoteComplex : row.remote;
  return options.isComplex ? row.complex : row.normal;
}

export interface AnswerDeadlineInput {
  kind: TicketKind;
  isRemoteArea: boolean;
  isComplex: boolean;
  isSecondTime: boolean;
  extensions: number;
  /** Working days to answer a petition or question in this category (settings/categories.yaml). */
  petitionWorkingDays: number;
  /** Vietnam date the period runs from: acceptance for complaints and denunciations, receipt for the rest. */
  fromIso: string;
}

/** The last day (ISO) to answer, per kind. */
export function answerDeadlineDate(
  input: AnswerDeadlineInput,
  rules: DeadlineRules,
  calendar: HolidayCalendar,
): string {
  switch (input.kind) {
    case 'complaint':
      return addLegalDays(input.fromIso, complaintDays(input), rules.legalDayCounting, calendar);
    case 'denunciation':
      return addLegalDays(
        input.fromIso,
        DENUNCIATION_DAYS.base + DENUNCIATION_DAYS.extension * input.extensions,
        rules.legalDayCounting,
        calendar,
      );
    case 'petition':
    case 'question':
      return addWorkingDays(input.fromIso, input.petitionWorkingDays, calendar);
  }
}

/** Whether the answer period runs from acceptance (thụ lý) rather than receipt. */
export function deadlineRunsFromAcceptance(kind: TicketKind): boolean {
  return kind === 'complaint' || kind === 'denunciation';
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

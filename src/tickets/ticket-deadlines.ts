// A ticket's time limits as people see them: each date with its own label and the rule behind it, in one fixed order
// shared by the receipt, the lookup, `tickets show` (and the console). Also the facts a ticket's new deadlines are
// computed from.
import {
  citeRule,
  type DeadlineRule,
  type DeadlineStep,
  findRule,
  ruleLabel,
  verifyWarning,
} from './deadline-rules.js';
import { appealDeadline, type DeadlineFacts, endOfVietnamDay, vietnamDate } from './deadlines.js';
import type { TicketSettings } from './settings.js';
import type { Ticket } from './types.js';

/** One dated time limit of a ticket. */
export interface DeadlineLine {
  step: DeadlineStep;
  label: string;
  /** The end of its last day. */
  date: Date;
  /** When the step was done, if it was. */
  doneAt: Date | null;
  /** "Luật Khiếu nại 2011, Điều 28"; null where no rule is found any more (the settings changed). */
  basis: string | null;
  /** The province's commitment, not a legal limit. */
  commitment: boolean;
  /** Said to officers when the rule is not checked against the official text. */
  verify: string | undefined;
}

/** The order of the steps everywhere a ticket's dates are listed. */
export const DEADLINE_ORDER: readonly DeadlineStep[] = ['forward', 'acknowledge', 'notify', 'settle', 'appeal'];

const FALLBACK_LABEL: Record<DeadlineStep, string> = {
  acknowledge: 'Hạn thụ lý',
  forward: 'Hạn chuyển đơn',
  notify: 'Hạn thông báo việc thụ lý',
  settle: 'Hạn giải quyết',
  extension: 'Gia hạn',
  appeal: 'Hạn khiếu nại lần hai',
};

/** The facts of a stored ticket, as its deadlines are computed from them. */
export function ticketFacts(
  ticket: Ticket,
  settings: TicketSettings,
  overrides: Partial<DeadlineFacts> = {},
): DeadlineFacts {
  const category = settings.categories.find((c) => c.code === ticket.category);
  return {
    kind: ticket.kind,
    category: ticket.category,
    isRemoteArea: ticket.isRemoteArea,
    isComplex: ticket.isComplex,
    isSecondTime: ticket.isSecondTime,
    extensions: ticket.extensions,
    receivedOn: vietnamDate(ticket.receivedAt),
    acceptedOn: ticket.acknowledgedAt ? vietnamDate(ticket.acknowledgedAt) : null,
    reopenedOn: ticket.disputedAt ? vietnamDate(ticket.disputedAt) : null,
    acknowledgeExtended: ticket.acknowledgeExtensionReason !== null,
    decidedOn: ticket.answeredAt ? vietnamDate(ticket.answeredAt) : null,
    categoryDays: category?.petitionAnswerWorkingDays,
    ...overrides,
  };
}

function round(ticket: Pick<Ticket, 'kind' | 'isSecondTime'>) {
  return ticket.kind === 'complaint' ? (ticket.isSecondTime ? ('second' as const) : ('first' as const)) : undefined;
}

function line(step: DeadlineStep, rule: DeadlineRule | undefined, date: Date, doneAt: Date | null): DeadlineLine {
  return {
    step,
    label: rule ? ruleLabel(rule) : FALLBACK_LABEL[step],
    date,
    doneAt,
    basis: rule ? citeRule(rule) : null,
    commitment: rule?.commitment ?? false,
    verify: rule ? verifyWarning(rule) : undefined,
  };
}

/**
 * The ticket's dated time limits in DEADLINE_ORDER, each with the rule in force on the day that set it (receipt;
 * a reopened ticket's answer deadline: the day of the dispute). The second-complaint window of an answered
 * first-time complaint is computed, not stored.
 */
export function ticketDeadlineLines(ticket: Ticket, settings: TicketSettings): DeadlineLine[] {
  const rules = settings.deadlines.rules;
  const receivedOn = vietnamDate(ticket.receivedAt);
  const query = (step: DeadlineStep, on = receivedOn) =>
    findRule(rules, { step, kind: ticket.kind, round: round(ticket), category: ticket.category, on });
  const lines: DeadlineLine[] = [];
  if (ticket.forwardBy)
    lines.push(
      line('forward', query('forward'), ticket.forwardBy, ticket.status === 'forwarded' ? ticket.acknowledgedAt : null),
    );
  lines.push(line('acknowledge', query('acknowledge'), ticket.acknowledgeBy, ticket.acknowledgedAt));
  if (ticket.notifyBy) lines.push(line('notify', query('notify'), ticket.notifyBy, ticket.notifiedAt));
  if (ticket.dueAt) {
    const on = ticket.disputedAt ? vietnamDate(ticket.disputedAt) : receivedOn;
    const answered = ticket.answeredAt && (!ticket.disputedAt || ticket.answeredAt > ticket.disputedAt);
    lines.push(line('settle', query('settle', on), ticket.dueAt, answered ? ticket.answeredAt : null));
  }
  const appeal = ticket.answeredAt
    ? appealDeadline(ticketFacts(ticket, settings), { settings: settings.deadlines, calendar: settings.calendar })
    : undefined;
  if (appeal?.date) lines.push(line('appeal', appeal.rule ?? undefined, endOfVietnamDay(appeal.date), null));
  return lines;
}

// Use case: officers' list of tickets with filters (status, kind, unit, overdue, due soon, disputed), deadlines and flags.
// Personal data is masked (09******78) and a denouncer's identity is hidden from roles that may not see it.
import { addWorkingDays, currentDeadline, endOfVietnamDay, vietnamDate, workingDaysLeft } from './deadlines.js';
import type { TicketDeps } from './deps.js';
import { OPEN_STATUSES } from './lifecycle.js';
import type { TicketFilter } from './ports.js';
import { canSeeIdentity, type PersonalView, viewPersonal } from './privacy.js';
import {
  type Actor,
  KIND_LABEL,
  STATUS_LABEL,
  TICKET_KINDS,
  type Ticket,
  type TicketKind,
  type TicketStatus,
} from './types.js';

export interface ListTicketsOptions {
  actor: Actor;
  statuses?: TicketStatus[] | undefined;
  kinds?: TicketKind[] | undefined;
  unitCode?: string | undefined;
  /** Open tickets whose current deadline has passed. */
  overdue?: boolean | undefined;
  /** Open tickets whose deadline falls within settings.deadlines.dueSoonWorkingDays working days. */
  dueSoon?: boolean | undefined;
  /** Open tickets the resident disputed after their last answer, not answered again (the officer must look again). */
  disputed?: boolean | undefined;
  categories?: string[] | undefined;
  communes?: string[] | undefined;
  /** A tracking code or words of the description (descriptions only of kinds whose words the role may read). */
  query?: string | undefined;
  /** Open tickets due within this many working days (overdue included). */
  dueWithinWorkingDays?: number | undefined;
  /** Only tickets with a reply that failed or may not have arrived. */
  deliveryProblem?: boolean | undefined;
  /** received (newest first, the default) or deadline (the nearest legal deadline first; none last). */
  sort?: 'received' | 'deadline' | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

export interface TicketListItem {
  code: string;
  kind: TicketKind;
  kindLabel: string;
  category: string;
  commune: string | null;
  status: TicketStatus;
  statusLabel: string;
  unitCode: string | null;
  assignee: string | null;
  receivedAt: Date;
  deadline: Date | null;
  /** Working days left (negative when overdue); null without a running deadline. */
  workingDaysLeft: number | null;
  isOverdue: boolean;
  isDueSoon: boolean;
  /** The resident disputed the last answer and nobody has answered since: the officer must look again. */
  isDisputed: boolean;
  /** When the resident last disputed an answer (also after a new answer, for the record). */
  disputedAt: Date | null;
  /** A reply could not be delivered (e.g. Zalo reply window closed): use another route. */
  deliveryProblem: string | null;
  residentResolved: boolean | null;
  satisfaction: number | null;
  personal: PersonalView;
}

export function isDisputed(ticket: Ticket): boolean {
  return ticket.disputedAt !== null && (ticket.answeredAt === null || ticket.disputedAt > ticket.answeredAt);
}

export async function listTickets(deps: TicketDeps, options: ListTicketsOptions): Promise<TicketListItem[]> {
  const now = deps.clock.now();
  const { calendar, deadlines } = deps.settings;
  const scope = options.actor.units;
  const limit = options.limit ?? 500;
  const offset = options.offset ?? 0;
  const byDeadline = options.sort === 'deadline';
  const filter: TicketFilter = {
    statuses: options.statuses,
    kinds: options.kinds,
    // unit-scoped accounts see their own units' tickets only, whatever else they ask for
    ...(scope
      ? { unitCodes: options.unitCode ? scope.filter((u) => u === options.unitCode) : [...scope] }
      : { unitCode: options.unitCode }),
    categories: options.categories,
    communes: options.communes,
    hasDeliveryProblem: options.deliveryProblem,
    ...(options.query?.trim()
      ? {
          text: {
            query: options.query.trim().slice(0, 100),
            descriptionKinds: TICKET_KINDS.filter((k) => canSeeIdentity(options.actor.role, k)),
          },
        }
      : {}),
    orderBy: byDeadline ? 'deadline' : 'received',
    offset,
    limit,
  };
  if (options.dueWithinWorkingDays !== undefined) {
    filter.statuses = (filter.statuses ?? OPEN_STATUSES).filter((s) => OPEN_STATUSES.includes(s));
    filter.deadlineBefore = endOfVietnamDay(
      addWorkingDays(vietnamDate(now), Math.max(0, options.dueWithinWorkingDays), calendar),
    );
  }
  const soonLimit = endOfVietnamDay(addWorkingDays(vietnamDate(now), deadlines.dueSoonWorkingDays, calendar));
  if (options.overdue || options.dueSoon) {
    filter.statuses = (options.statuses ?? OPEN_STATUSES).filter((s) => OPEN_STATUSES.includes(s));
    if (options.overdue && !options.dueSoon) filter.deadlineBefore = now;
    if (options.dueSoon && !options.overdue) {
      filter.deadlineNotBefore = now;
      filter.deadlineBefore = soonLimit;
    }
    if (options.dueSoon && options.overdue) filter.deadlineBefore = soonLimit;
  }
  if (options.disputed) {
    filter.statuses = (filter.statuses ?? OPEN_STATUSES).filter((s) => OPEN_STATUSES.includes(s));
    filter.isDisputed = true;
  }
  const tickets = await deps.store.listTickets(filter);
  const personal = await deps.store.getPersonalMany(tickets.map((t) => t.id));
  const problems = new Map<string, string>();
  for (const p of await deps.store.listDeliveryProblems()) {
    if (p.ticketCode && !problems.has(p.ticketCode))
      problems.set(
        p.ticketCode,
        p.status === 'uncertain' ? 'không rõ đã gửi được chưa' : `gửi thất bại: ${p.lastError ?? 'không rõ lỗi'}`,
      );
  }
  return tickets.map((t) => {
    const deadline = currentDeadline(t);
    const left = deadline ? workingDaysLeft(now, deadline, calendar) : null;
    return {
      code: t.code,
      kind: t.kind,
      kindLabel: KIND_LABEL[t.kind],
      category: t.category,
      commune: t.commune,
      status: t.status,
      statusLabel: STATUS_LABEL[t.status],
      unitCode: t.unitCode,
      assignee: t.assignee,
      receivedAt: t.receivedAt,
      deadline,
      workingDaysLeft: left,
      isOverdue: deadline !== null && deadline < now,
      isDueSoon: deadline !== null && deadline >= now && deadline <= soonLimit,
      isDisputed: isDisputed(t),
      disputedAt: t.disputedAt,
      deliveryProblem: problems.get(t.code) ?? null,
      residentResolved: t.residentResolved,
      satisfaction: t.satisfaction,
      personal: viewPersonal(options.actor.role, t.kind, personal.get(t.id) ?? null, { masked: true }),
    };
  });
}

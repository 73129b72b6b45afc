// The inbox filters, read from a query string the same way by the inbox page and GET /api/admin/v1/tickets.
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { type ListTicketsOptions, TICKET_KINDS, TICKET_STATUSES } from '../../tickets/index.js';

export const PER_PAGE_DEFAULT = 25;
export const PER_PAGE_MAX = 100;

const flag = z
  .enum(['1', 'true', 'on', '0', 'false', 'off', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'on');
const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(z.enum(values)));
const codes = z
  .string()
  .max(500)
  .optional()
  .transform((v) =>
    v
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  )
  .pipe(z.array(z.string().regex(/^[A-Za-z0-9._-]{1,64}$/)));

const querySchema = z.object({
  status: list(TICKET_STATUSES),
  kind: list(TICKET_KINDS),
  category: codes,
  unit: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  commune: codes,
  overdue: flag,
  due: z.union([z.literal('').transform(() => undefined), z.coerce.number().int().min(0).max(60)]).optional(),
  disputed: flag,
  failures: flag,
  q: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  perPage: z.coerce.number().int().min(1).max(PER_PAGE_MAX).default(PER_PAGE_DEFAULT),
});

export type InboxQuery = z.infer<typeof querySchema>;

/** Reads the filters (one value per name; a list is comma-separated). Wrong values are BAD_INPUT, in Vietnamese. */
export function parseInboxQuery(query: Record<string, string | undefined>): InboxQuery {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success)
    throw new AppError('BAD_INPUT', 'Bad inbox filter', {
      userMessage: `Bộ lọc không hợp lệ: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}.`,
    });
  return parsed.data;
}

/** The listTickets options of a query (one page more than asked: whether a next page exists). */
export function toListOptions(q: InboxQuery): Omit<ListTicketsOptions, 'actor'> {
  return {
    statuses: q.status.length ? q.status : undefined,
    kinds: q.kind.length ? q.kind : undefined,
    categories: q.category.length ? q.category : undefined,
    unitCode: q.unit,
    communes: q.commune.length ? q.commune : undefined,
    overdue: q.overdue || undefined,
    dueWithinWorkingDays: q.due,
    disputed: q.disputed || undefined,
    deliveryProblem: q.failures || undefined,
    query: q.q?.trim() || undefined,
    sort: 'deadline',
    offset: (q.page - 1) * q.perPage,
    limit: q.perPage + 1,
  };
}

// Use case: CSV export of tickets for reports. No personal data unless asked for with a reason, and such an
// export is recorded in the audit trail (who, when, why, how many rows). Denouncers stay hidden from roles that
// may not see them.
import { AppError } from '../shared/errors.js';
import { currentDeadline, vietnamDate } from './deadlines.js';
import type { TicketDeps } from './deps.js';
import { canSeeIdentity, HIDDEN_IDENTITY } from './privacy.js';
import { actorLabel } from './ticket-helpers.js';
import type { Actor, TicketKind, TicketStatus } from './types.js';

export interface ExportTicketsOptions {
  actor: Actor;
  statuses?: TicketStatus[] | undefined;
  kinds?: TicketKind[] | undefined;
  unitCode?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  withPersonalData?: boolean | undefined;
  /** Required with withPersonalData: why the export is needed (kept in the audit trail). */
  reason?: string | undefined;
}

export interface ExportTicketsResult {
  csv: string;
  rows: number;
  withPersonalData: boolean;
}

/** RFC 4180 quoting, and a leading ' on cells a spreadsheet would run as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const BASE_COLUMNS = [
  'code',
  'kind',
  'category',
  'commune',
  'status',
  'close_reason',
  'unit',
  'received_date',
  'forward_by',
  'acknowledge_by',
  'acknowledge_extended',
  'notify_by',
  'notified_date',
  'notify_met',
  'due_date',
  'acknowledged_date',
  'answered_date',
  'closed_date',
  'deadline_met',
  'remote_area',
  'complex',
  'second_time',
  'resident_resolved',
  'satisfaction',
  'disputed',
] as const;
const PERSONAL_COLUMNS = ['full_name', 'phone', 'address', 'description'] as const;

export async function exportTickets(deps: TicketDeps, options: ExportTicketsOptions): Promise<ExportTicketsResult> {
  const withPersonal = options.withPersonalData === true;
  const reason = options.reason?.trim() ?? '';
  if (withPersonal && reason.length < 5)
    throw new AppError('BAD_INPUT', 'Reason required for a personal-data export', {
      userMessage: 'Xuất kèm dữ liệu cá nhân cần ghi rõ lý do: --reason "<lý do>".',
    });
  if (withPersonal && !['officer', 'inspector', 'lead'].includes(options.actor.role))
    throw new AppError('FORBIDDEN', 'Role may not export personal data', {
      userMessage: 'Vai trò của bạn không được xuất dữ liệu cá nhân.',
    });
  const tickets = await deps.store.listTickets({
    statuses: options.statuses,
    kinds: options.kinds,
    unitCode: options.unitCode,
    receivedFrom: options.from,
    receivedTo: options.to,
  });
  const personal = withPersonal ? await deps.store.getPersonalMany(tickets.map((t) => t.id)) : new Map();
  const columns: string[] = [...BASE_COLUMNS, ...(withPersonal ? PERSONAL_COLUMNS : [])];
  const lines = [columns.join(',')];
  const day = (d: Date | null) => (d ? vietnamDate(d) : null);
  let personalRows = 0;
  for (const t of tickets) {
    const deadline = t.kind === 'complaint' || t.kind === 'denunciation' ? t.dueAt : (t.dueAt ?? currentDeadline(t));
    const finished = t.answeredAt ?? t.closedAt;
    const met = deadline && finished ? finished <= deadline : null;
    // the denouncer's notice of acceptance (Law on Denunciations 2018, Art. 29): met, missed, or still open
    const notifyMet = t.notifyBy ? (t.notifiedAt ? t.notifiedAt <= t.notifyBy : null) : null;
    const row: unknown[] = [
      t.code,
      t.kind,
      t.category,
      t.commune,
      t.status,
      t.closeReason,
      t.unitCode,
      day(t.receivedAt),
      day(t.forwardBy),
      day(t.acknowledgeBy),
      t.acknowledgeExtensionReason !== null,
      day(t.notifyBy),
      day(t.notifiedAt),
      notifyMet,
      day(t.dueAt),
      day(t.acknowledgedAt),
      day(t.answeredAt),
      day(t.closedAt),
      met,
      t.isRemoteArea,
      t.isComplex,
      t.isSecondTime,
      t.residentResolved,
      t.satisfaction,
      t.disputedAt !== null,
    ];
    if (withPersonal) {
      if (canSeeIdentity(options.actor.role, t.kind)) {
        const p = personal.get(t.id);
        if (p) personalRows++;
        row.push(p?.fullName ?? null, p?.phone ?? null, p?.address ?? null, t.description);
      } else {
        row.push(HIDDEN_IDENTITY, HIDDEN_IDENTITY, HIDDEN_IDENTITY, HIDDEN_IDENTITY);
      }
    }
    lines.push(row.map(csvCell).join(','));
  }
  const now = deps.clock.now();
  await deps.store.transaction((tx) =>
    tx.appendAudit(
      {
        actor: actorLabel(options.actor),
        action: withPersonal ? 'tickets.exported_with_personal_data' : 'tickets.exported',
        entity: 'export',
        entityId: now.toISOString(),
        before: null,
        after: {
          rows: tickets.length,
          personalRows,
          reason: withPersonal ? reason : null,
          filter: {
            statuses: options.statuses ?? null,
            kinds: options.kinds ?? null,
            unit: options.unitCode ?? null,
            from: options.from ?? null,
            to: options.to ?? null,
          },
        },
      },
      now,
    ),
  );
  return { csv: `${lines.join('\n')}\n`, rows: tickets.length, withPersonalData: withPersonal };
}

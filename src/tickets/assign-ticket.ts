// Use case: manual reassignment of a ticket to another unit (and optionally a named officer).
import { AppError } from '../shared/errors.js';
import type { TicketDeps } from './deps.js';
import { assertMayHandle, auditTicketChange, requireTicket } from './ticket-helpers.js';
import { parseTrackingCode } from './tracking-code.js';
import type { Actor, Ticket } from './types.js';

export interface AssignTicketOptions {
  code: string;
  unitCode: string;
  assignee?: string | undefined;
  actor: Actor;
}

export async function assignTicket(deps: TicketDeps, options: AssignTicketOptions): Promise<Ticket> {
  const parsed = parseTrackingCode(options.code);
  if (!parsed.ok) throw new AppError('BAD_INPUT', 'Invalid code', { userMessage: `Mã "${options.code}" không đúng.` });
  if (!deps.settings.routing.units.some((u) => u.code === options.unitCode))
    throw new AppError('BAD_INPUT', `Unknown unit ${options.unitCode}`, {
      userMessage: `Không có đơn vị "${options.unitCode}". Các đơn vị: ${deps.settings.routing.units.map((u) => u.code).join(', ')}.`,
    });
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const before = await requireTicket(tx, parsed.code, { lock: true });
    assertMayHandle(options.actor, before);
    const unitId = await tx.findUnitId(options.unitCode);
    if (unitId === null)
      throw new AppError('CONFLICT', `Unit ${options.unitCode} not in database`, {
        userMessage: 'Đơn vị chưa được đồng bộ vào cơ sở dữ liệu; hãy khởi động lại dịch vụ.',
      });
    const after = await tx.updateTicket(before.id, {
      unitId,
      ...(options.assignee !== undefined ? { assignee: options.assignee } : {}),
    });
    await auditTicketChange(tx, options.actor, 'ticket.assigned', before, after, now);
    return after;
  });
}

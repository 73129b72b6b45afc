// An account as the tickets context sees the person acting: role, units, and the name in the audit trail.
import { AppError } from '../shared/errors.js';
import type { Actor } from '../tickets/types.js';
import { type Account, TICKET_ROLES, UNIT_SCOPED_ROLES } from './types.js';

/**
 * The tickets actor of an account; `via` adds where the action came from (the CLI records the operating-system
 * user: "nguyen.van.a (os:ubuntu)"). Roles that do not handle tickets get FORBIDDEN.
 */
export function toTicketActor(account: Account, via?: string): Actor {
  if (!TICKET_ROLES.includes(account.role))
    throw new AppError('FORBIDDEN', `Role ${account.role} has no ticket access`, {
      userMessage: 'Vai trò của bạn không được xem hoặc xử lý phản ánh, khiếu nại, tố cáo.',
    });
  return {
    name: via ? `${account.login} (${via})` : account.login,
    role: account.role as Actor['role'],
    ...(UNIT_SCOPED_ROLES.includes(account.role) ? { units: account.units } : {}),
  };
}

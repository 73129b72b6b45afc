// Who may see what: masking of phone numbers in lists, and the denouncer's identity kept from roles that may
// not see it (Law on Denunciations 2018, Art. 8).
import type { Role, TicketKind, TicketPersonalData } from './types.js';

/** 0912345678 → 09******78. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length <= 4) return '*'.repeat(phone.length);
  return `${phone.slice(0, 2)}${'*'.repeat(phone.length - 4)}${phone.slice(-2)}`;
}

/** Nguyễn Văn An → Nguyễn V. A. (for lists). */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const [first, ...rest] = name.split(' ');
  return [first, ...rest.map((w) => `${w.charAt(0)}.`)].join(' ');
}

/** Whether a role may see the identity of whoever filed a ticket of this kind. */
export function canSeeIdentity(role: Role, kind: TicketKind): boolean {
  if (role === 'lead') return true;
  if (kind === 'denunciation') return role === 'inspector';
  return role === 'officer' || role === 'inspector';
}

export const HIDDEN_IDENTITY = '[danh tính được bảo vệ]';

export type PersonalView =
  | { visible: true; fullName: string | null; phone: string | null; address: string | null }
  | {
      visible: false;
      note: string;
    };

/** The personal part as a role may see it; `masked` for lists. */
export function viewPersonal(
  role: Role,
  kind: TicketKind,
  data: TicketPersonalData | null,
  options: { masked: boolean },
): PersonalView {
  if (!canSeeIdentity(role, kind)) return { visible: false, note: HIDDEN_IDENTITY };
  if (!data) return { visible: true, fullName: null, phone: null, address: null };
  return {
    visible: true,
    fullName: options.masked ? maskName(data.fullName) : data.fullName,
    phone: options.masked ? maskPhone(data.phone) : data.phone,
    address: options.masked ? null : data.address,
  };
}

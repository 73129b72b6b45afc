// Where a ticket is, on either map: today's units (what routing, deadlines and current reports use) or the old units
// before the reorganisation (what a report comparing with earlier years needs). For reports and the officer's view.
import { AppError } from '../../shared/errors.js';
import type { Ticket } from '../types.js';
import { inSentence } from './names.js';
import { oldUnitLabel, type PlaceIndex } from './place-index.js';
import type { Commune, OldUnit } from './place-settings.js';

export type MapView = 'current' | 'old';

/** A ticket's place on one map. `code` is null when the ticket names no unit of that map. */
export interface TicketPlace {
  code: string | null;
  name: string;
  /** The old district (old map only, when the place lies in one). */
  district?: string | undefined;
}

type PlacedTicket = Pick<Ticket, 'commune' | 'oldCommune'>;

const NO_PLACE = 'Không nêu xã/phường';

/** The ticket's place on `map`. */
export function placeOnMap(index: PlaceIndex, ticket: PlacedTicket, map: MapView): TicketPlace {
  const commune = ticket.commune ? index.commune(ticket.commune) : undefined;
  const old = ticket.oldCommune ? index.oldUnit(ticket.oldCommune) : undefined;
  if (map === 'current') {
    if (commune) return { code: commune.code, name: commune.name };
    if (old) return { code: null, name: `${old.old.name} (cũ) — chưa rõ thuộc xã/phường nào hiện nay` };
    if (ticket.commune)
      return { code: ticket.commune, name: `Mã «${ticket.commune}» (không có trong bản đồ hiện tại)` };
    return { code: null, name: NO_PLACE };
  }
  if (old) return { code: old.old.code, name: old.old.name, district: old.old.district };
  if (!commune) return { code: null, name: NO_PLACE };
  // filed under today's map: its old unit is known only when it was formed from exactly one, whole
  const whole = commune.formedFrom.filter((o) => !o.part);
  if (commune.formedFrom.length === 1 && whole.length === 1) {
    const only = whole[0] as (typeof whole)[number];
    return { code: only.code, name: only.name, district: only.district };
  }
  const districts = [...new Set(commune.formedFrom.map((o) => o.district))];
  return {
    code: null,
    name: `${commune.name} (mới, gồm ${commune.formedFrom.map((o) => inSentence(o.name)).join(', ') || 'không rõ'})`,
    district: districts.length === 1 ? districts[0] : undefined,
  };
}

export interface PlaceCount extends TicketPlace {
  count: number;
}

/**
 * Tickets counted by place on either map, largest first. `level: 'district'` groups the old map by old district
 * (a ticket in a new unit that spans several old districts counts under «Nhiều huyện cũ»).
 */
export function countTicketsByPlace(
  index: PlaceIndex,
  tickets: readonly PlacedTicket[],
  options: { map: MapView; level?: 'unit' | 'district' },
): PlaceCount[] {
  const counts = new Map<string, PlaceCount>();
  for (const ticket of tickets) {
    let place = placeOnMap(index, ticket, options.map);
    if (options.level === 'district' && options.map === 'old') {
      place = place.district
        ? { code: null, name: place.district }
        : { code: null, name: place.name === NO_PLACE ? NO_PLACE : 'Nhiều huyện cũ' };
    }
    const key = place.code ?? `~${place.name}`;
    const row = counts.get(key) ?? { ...place, count: 0 };
    row.count++;
    counts.set(key, row);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'vi'));
}

/** "Xã Nông Thượng, Thành phố Bắc Kạn (cũ)" or "Phường Bắc Kạn": the place as a ticket records it when filed. */
export function filedPlaceLabel(index: PlaceIndex, commune: string | null, oldCommune: string | null): string | null {
  const old = oldCommune ? index.oldUnit(oldCommune) : undefined;
  if (old) return `${oldUnitLabel(old.old)} (cũ)`;
  const current = commune ? index.commune(commune) : undefined;
  return current ? current.name : null;
}

/** The place a new ticket is filed under: today's unit, and the old unit when the resident named one. */
export interface FiledPlace {
  commune: Commune | undefined;
  old: OldUnit | undefined;
}

/**
 * Reads the place given to createTicket: `commune` may be today's code, an old unit's code or a code of earlier
 * settings; `oldCommune` an old unit the resident named. An old unit split between several of today's units needs
 * `commune` to say which.
 */
export function resolveFiledPlace(
  index: PlaceIndex,
  commune: string | null | undefined,
  oldCommune: string | null | undefined,
): FiledPlace {
  const bad = (message: string, userMessage: string) => new AppError('BAD_INPUT', message, { userMessage });
  const current = commune ? index.commune(commune) : undefined;
  const named = oldCommune ? index.oldUnit(oldCommune) : undefined;
  if (oldCommune && !named)
    throw bad(`Unknown old commune ${oldCommune}`, 'Xã/phường cũ chưa đúng; vui lòng chọn trong danh sách.');
  const old = named ?? (commune && !current ? index.oldUnit(commune) : undefined);
  if (commune && !current && !old)
    throw bad(`Unknown commune ${commune}`, 'Xã/phường chưa đúng; vui lòng chọn trong danh sách.');
  if (!old) return { commune: current, old: undefined };
  if (current) {
    if (!old.communes.includes(current))
      throw bad(
        `Old commune ${old.old.code} is not part of ${current.code}`,
        `${old.old.name} (cũ) không thuộc ${inSentence(current.name)}.`,
      );
    return { commune: current, old: old.old };
  }
  if (old.communes.length > 1)
    throw bad(
      `Old commune ${old.old.code} was split`,
      `${oldUnitLabel(old.old)} (cũ) nay thuộc ${old.communes.map((c) => inSentence(c.name)).join(' và ')}; vui lòng chọn một.`,
    );
  return { commune: old.communes[0], old: old.old };
}

// Use case, run at start-up after the settings are synced: tickets follow the map in force. A ticket whose commune is
// an old unit (or a code of earlier settings) moves to today's unit, keeping the old one and its name for the record;
// open tickets of a retired department move to its successor, or are routed again. Each move is audited.
import { OPEN_STATUSES } from '../lifecycle.js';
import type { Clock, TicketStore } from '../ports.js';
import { routeTicket, type TicketSettings } from '../settings.js';
import { auditTicketChange } from '../ticket-helpers.js';
import type { Actor, TicketPatch } from '../types.js';
import { filedPlaceLabel } from './ticket-place.js';

/** The actor of map changes in the audit trail. */
export const MAP_ACTOR: Actor = { name: 'ban-do-hanh-chinh', role: 'system' };

export interface ReconcileResult {
  /** Tickets moved from an old unit or an earlier settings code to today's unit. */
  remapped: number;
  /** Tickets of an old unit split between several of today's units: kept under the old unit, today's left empty. */
  split: number;
  /** Commune codes that neither map knows (those tickets are left as they are). */
  unknownCodes: string[];
  /** Open tickets moved off a retired department. */
  reassigned: number;
}

export async function reconcileTicketPlaces(options: {
  store: TicketStore;
  settings: TicketSettings;
  clock: Clock;
}): Promise<ReconcileResult> {
  const { store, settings, clock } = options;
  const { places, routing } = settings;
  const result: ReconcileResult = { remapped: 0, split: 0, unknownCodes: [], reassigned: 0 };

  const outside = await store.listTickets({ communeNotIn: settings.communes.map((c) => c.code) });
  for (const found of outside) {
    const code = found.commune as string;
    const place = places.oldUnit(code);
    if (!place) {
      if (!result.unknownCodes.includes(code)) result.unknownCodes.push(code);
      continue;
    }
    const target = place.communes.length === 1 ? place.communes[0] : undefined;
    await store.transaction(async (tx) => {
      const before = await tx.findTicket({ id: found.id }, { lock: true });
      if (!before || before.commune !== code) return; // moved meanwhile
      const patch: TicketPatch = {
        commune: target?.code ?? null,
        oldCommune: place.old.code,
        filedPlace: before.filedPlace ?? filedPlaceLabel(places, null, place.old.code),
      };
      // the legal period of a complaint runs from acceptance: until then the remote flag follows today's unit
      if (target && before.status === 'received') patch.isRemoteArea = target.remote;
      const after = await tx.updateTicket(before.id, patch);
      await auditTicketChange(tx, MAP_ACTOR, 'ticket.place-remapped', before, after, clock.now(), {
        basis: 'bản đồ hành chính hiện hành (settings/communes.yaml)',
      });
    });
    if (target) result.remapped++;
    else result.split++;
  }

  const retired = new Map(routing.retiredUnits.map((u) => [u.code, u]));
  if (retired.size > 0) {
    const stranded = await store.listTickets({ unitCodes: [...retired.keys()], statuses: OPEN_STATUSES });
    for (const found of stranded) {
      await store.transaction(async (tx) => {
        const before = await tx.findTicket({ id: found.id }, { lock: true });
        const from = before?.unitCode ? retired.get(before.unitCode) : undefined;
        if (!before || !from || !OPEN_STATUSES.includes(before.status)) return;
        const unitCode = from.successor ?? routeTicket(routing, before.category, before.commune);
        const unitId = await tx.findUnitId(unitCode);
        if (unitId === null) return;
        const after = await tx.updateTicket(before.id, { unitId });
        await auditTicketChange(tx, MAP_ACTOR, 'ticket.unit-retired', before, after, clock.now(), {
          retiredUnit: from.code,
        });
        result.reassigned++;
      });
    }
  }
  return result;
}

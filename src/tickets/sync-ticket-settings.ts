// Use case: mirror the YAML settings into the database (units, retired units kept for old tickets, routing rules,
// days off and worked weekends of the years listed), so tickets can reference units and SQL reports see the same
// calendar; then move tickets onto the map in force (tickets/places/reconcile-ticket-places.ts). Run at start-up.
import { type ReconcileResult, reconcileTicketPlaces } from './places/reconcile-ticket-places.js';
import { type Clock, systemClock, type TicketStore } from './ports.js';
import type { TicketSettings } from './settings.js';

export async function syncTicketSettings(options: {
  store: TicketStore;
  settings: TicketSettings;
  clock?: Clock | undefined;
}): Promise<ReconcileResult> {
  const { store, settings } = options;
  // retired departments stay in the table: answered and closed tickets keep them for the record
  await store.syncUnits([
    ...settings.routing.units,
    ...settings.routing.retiredUnits.map((u) => ({ code: u.code, name: u.name })),
  ]);
  await store.syncRoutingRules(settings.routing.rules);
  await store.syncHolidays(
    settings.calendar.years.flatMap((y) =>
      [...settings.calendar.entriesForYear(y), ...settings.calendar.workingWeekendsForYear(y)].map((h) => ({
        date: h.date,
        name: h.name,
        source: h.source,
        type: h.type,
        announcement: h.announcement ?? null,
      })),
    ),
  );
  return reconcileTicketPlaces({ store, settings, clock: options.clock ?? systemClock });
}

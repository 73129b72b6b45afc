// Use case: mirror the YAML settings into the database (units, routing rules, holidays for the years listed),
// so tickets can reference units and SQL reports see the same calendar. Run at start-up.
import type { TicketStore } from './ports.js';
import type { TicketSettings } from './settings.js';

export async function syncTicketSettings(options: { store: TicketStore; settings: TicketSettings }): Promise<void> {
  const { store, settings } = options;
  await store.syncUnits(settings.routing.units);
  await store.syncRoutingRules(settings.routing.rules);
  await store.syncHolidays(
    settings.calendar.years.flatMap((y) =>
      settings.calendar.entriesForYear(y).map((h) => ({ date: h.date, name: h.name, source: h.source })),
    ),
  );
}

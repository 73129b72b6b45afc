// Use case: mirror the YAML settings into the database (units, routing rules, days off and worked weekends of the
// years listed), so tickets can reference units and SQL reports see the same calendar. Run at start-up.
import type { TicketStore } from './ports.js';
import type { TicketSettings } from './settings.js';

export async function syncTicketSettings(options: { store: TicketStore; settings: TicketSettings }): Promise<void> {
  const { store, settings } = options;
  await store.syncUnits(settings.routing.units);
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
}

// The units residents name most (tickets of the last year), for the place picker's buttons; topped up from the
// settings' quickPicks while there are few tickets. Counted at most once an hour.
import type { Clock, TicketStore } from '../ports.js';
import type { PlaceIndex } from './place-index.js';

const REFRESH_MS = 3_600_000;
const WINDOW_MS = 365 * 86_400_000;

export interface PopularPlaces {
  /** Counts again when the last count is older than an hour (a failure keeps the last list). */
  refresh(): Promise<void>;
  /** Up to `count` unit codes, most used first. */
  list(count: number): string[];
}

export function createPopularPlaces(deps: { store: TicketStore; clock: Clock; places: PlaceIndex }): PopularPlaces {
  let countedAt = Number.NEGATIVE_INFINITY;
  let ranked: string[] = [];
  return {
    async refresh() {
      const now = deps.clock.now().getTime();
      if (now - countedAt < REFRESH_MS) return;
      countedAt = now;
      try {
        const rows = await deps.store.countTicketsByCommune(new Date(now - WINDOW_MS));
        ranked = rows
          .filter((r) => deps.places.commune(r.commune) !== undefined)
          .sort((a, b) => b.count - a.count || a.commune.localeCompare(b.commune))
          .map((r) => r.commune);
      } catch {
        // the picker still works from quickPicks; try again next hour
      }
    },
    list(count) {
      const codes: string[] = [];
      for (const code of [...ranked, ...deps.places.quickPicks, ...deps.places.communes.map((c) => c.code)]) {
        if (codes.length >= count) break;
        if (!codes.includes(code)) codes.push(code);
      }
      return codes;
    },
  };
}

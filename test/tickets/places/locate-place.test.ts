// A shared location matched against the units: inside which boundary, else the nearest centres; outside the province.
import { beforeAll, describe, expect, it } from 'vitest';
import { boundaryContains, locatePlace } from '../../../src/tickets/places/locate-place.js';
import { buildPlaceIndex } from '../../../src/tickets/places/place-index.js';
import type { TicketSettings } from '../../../src/tickets/settings.js';
import { repoSettings } from '../helpers.js';

let settings: TicketSettings;
beforeAll(async () => {
  settings = await repoSettings();
});

describe('locatePlace', () => {
  it('every unit’s centre lies inside its own boundary, and is located there', () => {
    for (const commune of settings.communes) {
      const boundary = settings.places.boundaries.find((b) => b.code === commune.code);
      expect(boundary, commune.name).toBeDefined();
      expect(
        boundaryContains(
          boundary as NonNullable<typeof boundary>,
          commune.latitude as number,
          commune.longitude as number,
        ),
      ).toBe(true);
      expect(locatePlace(settings.places, commune.latitude as number, commune.longitude as number).inside?.code).toBe(
        commune.code,
      );
    }
  });

  it('tells the unit of a point near a border, where the nearest centre would be another unit', () => {
    // the Bắc Kạn city centre, closer to the centre of phường Đức Xuân than to that of phường Bắc Kạn
    const point = { lat: 22.1471, lon: 105.8348 };
    const located = locatePlace(settings.places, point.lat, point.lon);
    expect(located.inside?.name).toBe('Phường Đức Xuân');
    expect(located.nearest[0]?.commune.name).toBe('Phường Đức Xuân');
    expect(located.nearest.length).toBe(4);
  });

  it('without boundaries offers the nearest centres, nearest first; far away, nothing', () => {
    const index = buildPlaceIndex({ ...settings, quickPicks: [...settings.places.quickPicks], boundaries: [] });
    const located = locatePlace(index, 22.1085, 105.8598);
    expect(located.inside).toBeUndefined();
    expect(located.nearest[0]?.commune.name).toBe('Phường Bắc Kạn');
    expect(located.nearest[0]?.km).toBeLessThan(1);
    expect(locatePlace(index, 21.0285, 105.8542)).toEqual({ nearest: [] }); // Hà Nội
  });
});

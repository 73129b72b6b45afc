// Finding the unit of a shared location (Telegram, Zalo): inside which boundary it lies when boundaries are configured,
// and which unit centres are nearest.
import type { PlaceIndex } from './place-index.js';
import type { Boundary, Commune } from './place-settings.js';

/** Beyond this distance from every unit centre a point is taken to be outside the province. */
export const MAX_NEAREST_KM = 30;

export interface LocatedPlace {
  /** The unit whose boundary contains the point (only with boundaries configured). */
  inside?: Commune | undefined;
  /** Units by distance of their centre, nearest first, within MAX_NEAREST_KM. */
  nearest: Array<{ commune: Commune; km: number }>;
}

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(a));
}

function inRing(x: number, y: number, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Ray casting over each polygon's outer ring minus its holes. */
export function boundaryContains(boundary: Boundary, latitude: number, longitude: number): boolean {
  const [minX, minY, maxX, maxY] = boundary.bbox;
  if (longitude < minX || longitude > maxX || latitude < minY || latitude > maxY) return false;
  return boundary.polygons.some(
    (polygon) =>
      inRing(longitude, latitude, polygon[0] as number[][]) &&
      !polygon.slice(1).some((hole) => inRing(longitude, latitude, hole)),
  );
}

/**
 * Where a point lies. With boundaries, the unit containing it (when two simplified boundaries overlap at a border,
 * the one with the nearer centre); without, only the nearest centres, which are right about five times in six.
 */
export function locatePlace(index: PlaceIndex, latitude: number, longitude: number, count = 4): LocatedPlace {
  const nearest = index.communes
    .filter((c) => c.latitude !== undefined && c.longitude !== undefined)
    .map((c) => ({ commune: c, km: distanceKm(latitude, longitude, c.latitude as number, c.longitude as number) }))
    .filter((x) => x.km <= MAX_NEAREST_KM)
    .sort((a, b) => a.km - b.km);
  const containing = index.boundaries
    .filter((b) => boundaryContains(b, latitude, longitude))
    .map((b) => index.commune(b.code))
    .filter((c): c is Commune => c !== undefined);
  let inside = containing[0];
  if (containing.length > 1) inside = nearest.find((n) => containing.includes(n.commune))?.commune ?? inside;
  if (!inside) return { nearest: nearest.slice(0, count) };
  const own = nearest.find((n) => n.commune === inside) ?? {
    commune: inside,
    km:
      inside.latitude !== undefined && inside.longitude !== undefined
        ? distanceKm(latitude, longitude, inside.latitude, inside.longitude)
        : 0,
  };
  return { inside, nearest: [own, ...nearest.filter((n) => n.commune !== inside)].slice(0, count) };
}

// Finding a commune/ward in the configured list: by what the resident typed, by district, or near a shared location.
import { foldForMatching } from '../../conversation/index.js';
import type { Commune } from '../settings.js';

const PREFIXES = ['thi tran ', 'phuong ', 'xa ', 'tt ', 'p ', 'x '];

/** "Phường Đức Xuân" → "duc xuan"; "TT. Chợ Rã" → "cho ra". */
export function bareName(name: string): string {
  let folded = foldForMatching(name);
  for (const prefix of PREFIXES) {
    if (folded.startsWith(prefix)) {
      folded = folded.slice(prefix.length);
      break;
    }
  }
  return folded.trim();
}

/** Communes whose name matches the typed text: exact names first, otherwise those containing it as whole words. */
export function findCommunes(communes: readonly Commune[], typed: string): Commune[] {
  const query = bareName(typed);
  if (query.length < 2) return [];
  const code = typed.trim().toLowerCase();
  const exact = communes.filter((c) => c.code === code || bareName(c.name) === query);
  if (exact.length > 0) return exact;
  return communes.filter((c) => ` ${bareName(c.name)} `.includes(` ${query} `));
}

/** Districts named in the settings, in the order they first appear. */
export function districtsOf(communes: readonly Commune[]): string[] {
  const seen: string[] = [];
  for (const c of communes) if (c.district && !seen.includes(c.district)) seen.push(c.district);
  return seen;
}

const DISTRICT_PREFIXES = ['thanh pho ', 'thi xa ', 'huyen ', 'quan ', 'tp '];

function bareDistrict(name: string): string {
  let folded = foldForMatching(name);
  for (const prefix of DISTRICT_PREFIXES) {
    if (folded.startsWith(prefix)) {
      folded = folded.slice(prefix.length);
      break;
    }
  }
  return folded.trim();
}

/** The district the typed text names, when exactly one matches. */
export function findDistrict(districts: readonly string[], typed: string): string | undefined {
  const query = bareDistrict(typed);
  if (query.length < 2) return undefined;
  const matches = districts.filter((d) => bareDistrict(d) === query);
  return matches.length === 1 ? matches[0] : undefined;
}

/** Great-circle distance in km. */
function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(a));
}

/**
 * Communes whose configured centre is nearest to a point, nearest first. Only a suggestion: without boundary
 * maps the nearest centre is not necessarily the commune the point lies in, so the resident still chooses.
 */
export function nearestCommunes(
  communes: readonly Commune[],
  latitude: number,
  longitude: number,
  count: number,
): Array<{ commune: Commune; km: number }> {
  return communes
    .filter((c) => c.latitude !== undefined && c.longitude !== undefined)
    .map((c) => ({ commune: c, km: distanceKm(latitude, longitude, c.latitude as number, c.longitude as number) }))
    .filter((x) => x.km <= 30)
    .sort((a, b) => a.km - b.km)
    .slice(0, count);
}

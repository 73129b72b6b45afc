// Finding the unit a resident means from what they typed: today's name or an old one (before the reorganisation),
// with or without accents, "xã"/"phường" and the old district ("xã Nông Thượng, thành phố Bắc Kạn").
import {
  accentName,
  bareDistrict,
  bareProvince,
  foldName,
  hasDistrictPrefix,
  splitUnitName,
  type UnitKind,
  unitNameReadings,
} from './names.js';
import type { NamedEntry, OldDistrict, OldPlace, PlaceIndex } from './place-index.js';
import type { Commune, OldUnit } from './place-settings.js';

/** A unit of the current map the text may mean; `old` is set when it was found by an old unit's name. */
export interface PlaceCandidate {
  commune: Commune;
  old?: OldUnit | undefined;
}

export interface PlaceSearch {
  candidates: PlaceCandidate[];
  /** The text named an old district (alone, or as the name of a unit too): its units today. */
  district?: OldDistrict | undefined;
}

const MAX_CANDIDATES = 12;
/** Words that start the district (or province) part when a resident writes it without a comma. */
const EMBEDDED_DISTRICT = / (huyen|thanh pho|thi xa|tp|tx|tinh)(?= )/g;

interface Reading {
  /** The unit part, lower case with its accents. */
  unit: string;
  /** The old district part, folded and without "huyện". */
  district?: string | undefined;
}

function isUnitName(index: PlaceIndex, text: string): boolean {
  return unitNameReadings(text).some(
    ({ bare }) => index.currentNamed(bare).length > 0 || index.oldNamed(bare).length > 0,
  );
}

/**
 * Ways to split the text into a unit part and an old-district part, most literal first: "Huyền Tụng" folds to
 * "huyen tung", which also reads as "huyện Tụng", so a whole known name always wins over a split.
 */
function readPlaceText(index: PlaceIndex, raw: string): { readings: Reading[]; districtOnly?: string | undefined } {
  const segments = raw
    .split(/[,;\n()]+|\s[-–—]\s/)
    .map((s) => accentName(s))
    .filter((s) => s !== '');
  let unit: string | undefined;
  let district: string | undefined;
  for (const segment of segments) {
    const folded = foldName(segment);
    if (folded.startsWith('tinh ') || folded === 'viet nam' || folded === 'vn') continue;
    if (hasDistrictPrefix(folded) && !isUnitName(index, segment)) {
      const bare = bareDistrict(folded);
      // "thành phố Thái Nguyên" is an old district; "thành phố Hà Nội" a province: either way not the unit
      if (index.district(bare) || bareProvince(folded) === undefined) district ??= bare;
      continue;
    }
    if (unit === undefined) unit = segment;
    else if (index.district(folded)) district ??= folded;
  }
  if (unit === undefined) return { readings: [], districtOnly: district };
  const readings: Reading[] = [{ unit, district }];
  if (!district) {
    const words = unit.split(' ');
    const folded = foldName(unit);
    for (const match of ` ${folded} `.matchAll(EMBEDDED_DISTRICT)) {
      if (match.index === 0) continue;
      const at = folded.slice(0, match.index - 1).split(' ').length;
      const rest = words
        .slice(at)
        .join(' ')
        .split(/ tỉnh | tinh /u)[0] as string;
      const restFolded = foldName(rest);
      readings.push({
        unit: words.slice(0, at).join(' '),
        district: restFolded.startsWith('tinh ') ? undefined : bareDistrict(restFolded),
      });
    }
    // "nong thuong bac kan": the last words may be the old district, with neither comma nor "huyện"
    for (let k = words.length - 1; k >= 1; k--) {
      const tail = foldName(words.slice(k).join(' '));
      if (index.district(tail)) readings.push({ unit: words.slice(0, k).join(' '), district: tail });
    }
  }
  return { readings };
}

/**
 * Narrows by "xã"/"phường" and by accents, over today's and old names together, when that leaves something: a wrong
 * word narrows nothing away, and "Văn Lăng" typed with its accents is not Văn Lang ("van lang" may be either).
 */
function narrow<T extends NamedEntry<unknown>>(
  entries: T[],
  kind: UnitKind | undefined,
  accented: string | undefined,
): T[] {
  let result = entries;
  const ofKind = kind ? result.filter((e) => e.kind === kind) : [];
  if (ofKind.length > 0) result = ofKind;
  const spelled = accented ? result.filter((e) => e.accented === accented) : [];
  return spelled.length > 0 ? spelled : result;
}

function inDistrict(place: OldPlace, district: string): boolean {
  return bareDistrict(place.old.district) === district;
}

function formedFromDistrict(commune: Commune, district: string): boolean {
  return commune.formedFrom.some((o) => bareDistrict(o.district) === district);
}

type AnyEntry = NamedEntry<Commune | OldPlace> & { current?: Commune; old?: OldPlace };

/** Current and old units named exactly `bare` (narrowed by kind, accents and old district when they leave something). */
function exactMatches(
  index: PlaceIndex,
  name: { bare: string; kind: UnitKind | undefined; accented: string | undefined },
  district: string | undefined,
) {
  const entries: AnyEntry[] = [
    ...index.currentNamed(name.bare).map((e) => ({ ...e, current: e.value })),
    ...index.oldNamed(name.bare).map((e) => ({ ...e, old: e.value })),
  ];
  const narrowed = narrow(entries, name.kind, name.accented);
  let current = narrowed.flatMap((e) => (e.current ? [e.current] : []));
  let old = narrowed.flatMap((e) => (e.old && !e.current ? [e.old] : [])).filter((p, i, all) => all.indexOf(p) === i);
  if (district) {
    const there = old.filter((p) => inDistrict(p, district));
    if (there.length > 0) {
      old = there;
      // the resident speaks of the old map: today's unit of that name counts only if it grew from that district
      current = current.filter((c) => formedFromDistrict(c, district));
    }
  }
  return { current, old };
}

function candidatesOf(current: Commune[], old: OldPlace[]): PlaceCandidate[] {
  const result: PlaceCandidate[] = current.map((commune) => ({ commune }));
  for (const place of old) {
    for (const commune of place.communes) {
      // an old unit that became (part of) a unit of the same name needs no explaining
      if (result.some((c) => c.commune === commune && (!c.old || c.old === place.old))) continue;
      result.push({ commune, old: place.old });
    }
  }
  return result.slice(0, MAX_CANDIDATES);
}

/**
 * Units the typed text may mean. Exact names first (today's and old ones, aliases included); otherwise every name
 * containing the typed words. A name shared by an old district is reported as `district` as well.
 */
export function findPlaces(index: PlaceIndex, typed: string): PlaceSearch {
  const raw = typed.normalize('NFC').trim();
  const byCode = index.commune(raw);
  if (byCode) return { candidates: [{ commune: byCode }] };
  const { readings, districtOnly } = readPlaceText(index, raw);
  if (readings.length === 0)
    return { candidates: [], district: districtOnly ? index.district(districtOnly) : undefined };

  const first = splitUnitName((readings[0] as Reading).unit);
  if (first.bare.length < 2) return { candidates: [] };
  const namesDistrict = !first.kind && !readings[0]?.district ? index.district(first.bare) : undefined;
  for (const reading of readings) {
    for (const name of unitNameReadings(reading.unit)) {
      const { current, old } = exactMatches(index, name, reading.district);
      if (current.length + old.length > 0) return { candidates: candidatesOf(current, old), district: namesDistrict };
    }
  }
  if (namesDistrict) return { candidates: [], district: namesDistrict };

  // no whole name: every unit whose name contains the typed words
  const { kind, bare } = first;
  const district = readings[0]?.district;
  const query = ` ${bare} `;
  const current: Commune[] = [];
  const old: OldPlace[] = [];
  for (const entry of index.names) {
    if (kind && entry.kind && entry.kind !== kind) continue;
    if (!` ${entry.bare} `.includes(query)) continue;
    if (entry.current && !current.includes(entry.current)) current.push(entry.current);
    if (entry.old && !old.includes(entry.old) && (!district || inDistrict(entry.old, district))) old.push(entry.old);
  }
  return { candidates: candidatesOf(current, old) };
}

/** The current units a search points to, each once, in settings order. */
export function communesOf(search: PlaceSearch): Commune[] {
  const seen: Commune[] = [];
  for (const c of search.candidates) if (!seen.includes(c.commune)) seen.push(c.commune);
  return seen;
}

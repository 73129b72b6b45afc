// The administrative map in memory: current units by code and name, old units (before the last reorganisation) by
// code, legacy code and name, and the old districts, so any name or code a resident or an old ticket carries is found.
import { bareDistrict, splitUnitName, type UnitKind } from './names.js';
import type { Boundary, Commune, OldUnit, PlaceSettings, Province } from './place-settings.js';

/** An old unit and the current unit(s) it went into (two or more when it was split). */
export interface OldPlace {
  old: OldUnit;
  communes: Commune[];
}

/** An old district (huyện, thị xã, thành phố thuộc tỉnh) and the current units formed from its old units. */
export interface OldDistrict {
  name: string;
  communes: Commune[];
}

export interface NamedEntry<T> {
  kind: UnitKind | undefined;
  /** The bare name with its accents ("văn lăng"), to tell apart names that fold alike. */
  accented: string | undefined;
  value: T;
}

export interface PlaceIndex {
  readonly province: Province;
  readonly communes: readonly Commune[];
  readonly quickPicks: readonly string[];
  readonly boundaries: readonly Boundary[];
  /** A unit of the current map. */
  commune(code: string): Commune | undefined;
  /** An old unit by its old code or a legacy code of earlier settings. */
  oldUnit(code: string): OldPlace | undefined;
  /** Current units by folded bare name ("duc xuan"). */
  currentNamed(bare: string): ReadonlyArray<NamedEntry<Commune>>;
  /** Old units by folded bare name or alias. */
  oldNamed(bare: string): ReadonlyArray<NamedEntry<OldPlace>>;
  /** Old districts by folded bare name ("ba be"). */
  district(bare: string): OldDistrict | undefined;
  /** Every folded bare name known (current, old, aliases), for word searches. */
  readonly names: ReadonlyArray<{ bare: string; current?: Commune; old?: OldPlace; kind: UnitKind | undefined }>;
  readonly districtNames: readonly string[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the index once per settings load. */
export function buildPlaceIndex(
  settings: Pick<PlaceSettings, 'province' | 'communes' | 'quickPicks' | 'boundaries'>,
): PlaceIndex {
  const byCode = new Map(settings.communes.map((c) => [c.code, c]));
  const oldByCode = new Map<string, OldPlace>();
  for (const commune of settings.communes) {
    for (const old of commune.formedFrom) {
      const place = oldByCode.get(old.code);
      if (place) {
        if (!place.communes.includes(commune)) place.communes.push(commune);
      } else oldByCode.set(old.code, { old, communes: [commune] });
    }
  }
  const legacy = new Map<string, OldPlace>();
  for (const place of oldByCode.values()) for (const code of place.old.legacyCodes) legacy.set(code, place);

  const currentByName = new Map<string, Array<NamedEntry<Commune>>>();
  const oldByName = new Map<string, Array<NamedEntry<OldPlace>>>();
  const names: Array<{ bare: string; current?: Commune; old?: OldPlace; kind: UnitKind | undefined }> = [];
  for (const commune of settings.communes) {
    const { kind, bare, accented } = splitUnitName(commune.name);
    push(currentByName, bare, { kind, accented, value: commune });
    names.push({ bare, current: commune, kind });
  }
  const districts = new Map<string, OldDistrict>();
  for (const place of oldByCode.values()) {
    for (const name of [place.old.name, ...place.old.aliases]) {
      const { kind, bare, accented } = splitUnitName(name);
      if (oldByName.get(bare)?.some((e) => e.value === place && e.accented === accented)) continue;
      push(oldByName, bare, { kind, accented, value: place });
      names.push({ bare, old: place, kind });
    }
    const districtBare = bareDistrict(place.old.district);
    const district = districts.get(districtBare) ?? { name: place.old.district, communes: [] };
    for (const commune of place.communes) if (!district.communes.includes(commune)) district.communes.push(commune);
    districts.set(districtBare, district);
  }
  // in the order of the settings, which is the official order
  for (const district of districts.values())
    district.communes.sort((a, b) => settings.communes.indexOf(a) - settings.communes.indexOf(b));

  return {
    province: settings.province,
    communes: settings.communes,
    quickPicks: settings.quickPicks,
    boundaries: settings.boundaries,
    commune: (code) => byCode.get(code),
    oldUnit: (code) => oldByCode.get(code) ?? legacy.get(code),
    currentNamed: (bare) => currentByName.get(bare) ?? [],
    oldNamed: (bare) => oldByName.get(bare) ?? [],
    district: (bare) => districts.get(bare),
    names,
    districtNames: [...districts.keys()],
  };
}

/** "Xã Nông Thượng, Thành phố Bắc Kạn" — an old unit with its old district. */
export function oldUnitLabel(old: OldUnit): string {
  return `${old.name}, ${old.district}`;
}

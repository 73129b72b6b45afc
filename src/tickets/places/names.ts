// Names of administrative units as residents type them: folded (no accents, lower case), without "xã"/"phường"/
// "huyện" prefixes, and written inside a sentence ("nay thuộc phường Bắc Kạn").
import { foldForMatching } from '../../conversation/index.js';
import { isWithoutDiacritics, normalizeForSearch } from '../../knowledge/vietnamese/index.js';

/** The kind of a unit, read from the front of its name. */
export type UnitKind = 'xa' | 'phuong' | 'thi-tran' | 'dac-khu';

const UNIT_PREFIXES: Array<[string, UnitKind]> = [
  ['thi tran ', 'thi-tran'],
  ['dac khu ', 'dac-khu'],
  ['phuong ', 'phuong'],
  ['xa ', 'xa'],
  ['tt ', 'thi-tran'],
  ['p ', 'phuong'],
  ['x ', 'xa'],
];

const DISTRICT_PREFIXES = ['thanh pho ', 'thi xa ', 'huyen ', 'quan ', 'tp ', 'tx ', 'h ', 'q '];
const PROVINCE_PREFIXES = ['thanh pho ', 'tinh ', 'tp '];

/** Lower case, accents folded, single spaces: "Phường  Đức Xuân" → "phuong duc xuan". */
export function foldName(name: string): string {
  return foldForMatching(name);
}

/** Lower case with accents (one tone placement), single spaces: "Phường  Văn Lăng" → "phường văn lăng". */
export function accentName(name: string): string {
  return normalizeForSearch(name)
    .replace(/[^\p{L}\p{M}\p{N}/@]+/gu, ' ')
    .trim();
}

export interface UnitName {
  kind: UnitKind | undefined;
  /** Folded, without the kind word: "duc xuan". */
  bare: string;
  /** With its accents ("đức xuân"); undefined when typed without any accent ("van lang": Văn Lang or Văn Lăng). */
  accented: string | undefined;
}

/**
 * "Phường Đức Xuân" → { kind: 'phuong', bare: 'duc xuan', accented: 'đức xuân' }; "TT. Chợ Rã" → thi-tran, "cho ra".
 * With accents the kind word must be spelled as such ("Phượng Tiến" is a name, not "phường Tiến").
 */
export function splitUnitName(name: string): UnitName {
  return unitNameReadings(name)[0] as UnitName;
}

/**
 * Every reading of a name, most likely first: typed without accents, "phuong tien" may be "phường Tiến" or the xã
 * Phượng Tiến, so the whole text is a second reading.
 */
export function unitNameReadings(name: string): UnitName[] {
  const folded = foldName(name);
  const accented = isWithoutDiacritics(name) ? undefined : accentName(name);
  const whole: UnitName = { kind: undefined, bare: folded, accented };
  for (const [prefix, kind] of UNIT_PREFIXES) {
    if (!folded.startsWith(prefix) || folded.length <= prefix.length) continue;
    const words = prefix.trim().split(' ').length;
    if (accented) {
      const spelled = accented.split(' ').slice(0, words).join(' ');
      if (foldName(spelled) !== prefix.trim() || !ACCENTED_PREFIXES.has(spelled)) continue;
    }
    const reading = {
      kind,
      bare: folded.slice(prefix.length),
      accented: accented?.split(' ').slice(words).join(' '),
    };
    return accented ? [reading] : [reading, whole];
  }
  return [whole];
}

/** The kind words as written with their accents (and the abbreviations, which have none). */
const ACCENTED_PREFIXES = new Set(['thị trấn', 'đặc khu', 'phường', 'xã', 'tt', 'p', 'x']);

/** "Huyện Ba Bể" → "ba be"; "TP Bắc Kạn" → "bac kan". */
export function bareDistrict(name: string): string {
  const folded = foldName(name);
  for (const prefix of DISTRICT_PREFIXES) {
    if (folded.startsWith(prefix) && folded.length > prefix.length) return folded.slice(prefix.length);
  }
  return folded;
}

/** True when the folded text starts with a district word ("huyện", "thành phố", "thị xã", "TP"…). */
export function hasDistrictPrefix(folded: string): boolean {
  return DISTRICT_PREFIXES.some((p) => folded.startsWith(p) && folded.length > p.length);
}

/** "tỉnh Thái Nguyên" → "thai nguyen"; undefined when the text does not start with "tỉnh"/"thành phố". */
export function bareProvince(folded: string): string | undefined {
  for (const prefix of PROVINCE_PREFIXES) {
    if (folded.startsWith(prefix) && folded.length > prefix.length) return folded.slice(prefix.length);
  }
  return undefined;
}

/** A unit's name inside a sentence: "Phường Bắc Kạn" → "phường Bắc Kạn", "Thành phố Bắc Kạn" → "thành phố Bắc Kạn". */
export function inSentence(name: string): string {
  const match = /^(Xã|Phường|Thị trấn|Đặc khu|Huyện|Thành phố|Thị xã|Quận|Tỉnh) /u.exec(name);
  return match?.[1] ? `${match[1].toLowerCase()}${name.slice(match[1].length)}` : name;
}

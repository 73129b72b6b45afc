// The default map against Nghị quyết 1683/NQ-UBTVQH15: the 92 units and what each was formed from, and every old
// unit the resolution names found again from what a resident would type (accented, unaccented, with its old district).
import { beforeAll, describe, expect, it } from 'vitest';
import { communesOf, findPlaces } from '../../../src/tickets/places/find-place.js';
import { foldName, inSentence, splitUnitName } from '../../../src/tickets/places/names.js';
import type { TicketSettings } from '../../../src/tickets/settings.js';
import { repoSettings } from '../helpers.js';
import { NQ_1683, UNCHANGED } from './nq-1683.js';

let settings: TicketSettings;
beforeAll(async () => {
  settings = await repoSettings();
});

/** Every old unit the resolution names, once, with the new units it went into (two when it was split). */
function oldUnitsOfResolution(): Array<{ name: string; district: string; into: string[] }> {
  const units = new Map<string, { name: string; district: string; into: string[] }>();
  for (const clause of NQ_1683) {
    for (const old of clause.olds) {
      const key = `${old.name}|${old.district}`;
      const unit = units.get(key) ?? { name: old.name, district: old.district, into: [] };
      unit.into.push(clause.name);
      units.set(key, unit);
    }
  }
  return [...units.values()];
}

/** Names that stand for more than one place once folded the given way: typing them alone must ask. */
function sharedNames(fold: (name: string) => string): Set<string> {
  const targets = new Map<string, Set<string>>();
  const add = (name: string, into: string[]) => {
    const key = fold(name);
    const set = targets.get(key) ?? new Set<string>();
    set.add([...into].sort().join('+'));
    targets.set(key, set);
  };
  for (const old of oldUnitsOfResolution()) add(old.name, old.into);
  for (const clause of NQ_1683) add(clause.name, [clause.name]);
  for (const name of UNCHANGED) add(name, [name]);
  return new Set([...targets].filter(([, set]) => set.size > 1).map(([key]) => key));
}

const names = (text: string) =>
  communesOf(findPlaces(settings.places, text))
    .map((c) => c.name)
    .sort();

describe('the default map follows Nghị quyết 1683/NQ-UBTVQH15', () => {
  it('has the 92 xã and phường with national codes, each formed from the old units the resolution names', () => {
    expect(settings.province.name).toBe('Tỉnh Thái Nguyên');
    expect(settings.communes).toHaveLength(92);
    expect(settings.communes.filter((c) => c.name.startsWith('Phường '))).toHaveLength(15);
    expect(new Set(settings.communes.map((c) => c.code)).size).toBe(92);
    for (const c of settings.communes) expect(c.code).toMatch(/^\d{5}$/);
    expect(settings.communes.map((c) => c.name).sort()).toEqual([...NQ_1683.map((c) => c.name), ...UNCHANGED].sort());
    for (const clause of NQ_1683) {
      const commune = settings.communes.find((c) => c.name === clause.name);
      const inSettings = (commune?.formedFrom ?? []).map((o) => ({
        names: [o.name, ...o.aliases].map(foldName),
        district: o.district,
        part: o.part,
      }));
      expect(inSettings, `${clause.name} (khoản ${clause.clause})`).toHaveLength(clause.olds.length);
      for (const old of clause.olds) {
        expect(
          inSettings.some(
            (s) =>
              s.names.includes(foldName(old.name)) && s.district === old.district && s.part === (old.part === true),
          ),
          `${old.name}, ${old.district} in ${clause.name}`,
        ).toBe(true);
      }
    }
    for (const name of UNCHANGED) {
      const commune = settings.communes.find((c) => c.name === name);
      expect(commune?.formedFrom.map((o) => o.name)).toEqual([name]);
    }
  });

  it('gives every unit a centre inside the province', () => {
    for (const c of settings.communes) {
      expect(c.latitude).toBeGreaterThan(21.3);
      expect(c.latitude).toBeLessThan(22.8);
      expect(c.longitude).toBeGreaterThan(105.4);
      expect(c.longitude).toBeLessThan(106.3);
    }
  });
});

describe('every old unit named in the resolution resolves to the new unit it went into', () => {
  it('with its old district, accented and not, with and without "xã"/"phường": exactly the unit(s) named', () => {
    const units = oldUnitsOfResolution();
    expect(units).toHaveLength(280 - 2); // Sảng Mộc and Thượng Quan were left as they were
    for (const old of units) {
      const expected = [...old.into].sort();
      const forms = [
        `${old.name}, ${old.district}`,
        `${inSentence(old.name)}, ${inSentence(old.district)}`,
        foldName(`${old.name} ${old.district}`), // "xa nong thuong thanh pho bac kan", no comma
        `${splitUnitName(old.name).bare}, ${old.district}`,
        `${old.name} (${inSentence(old.district)})`,
      ];
      for (const form of forms) expect(names(form), form).toEqual(expected);
    }
  });

  it('by name alone: the unit when the name is the only one of its kind, otherwise a question', () => {
    const sharedFolded = sharedNames((n) => splitUnitName(n).bare);
    const sharedAccented = sharedNames((n) => splitUnitName(n).accented ?? '');
    let asked = 0;
    for (const old of oldUnitsOfResolution()) {
      const expected = [...old.into].sort();
      const bare = old.name.replace(/^(Xã|Phường|Thị trấn) /u, '');
      const forms: Array<[string, boolean]> = [
        [bare, sharedAccented.has(splitUnitName(old.name).accented ?? '')],
        [foldName(bare), sharedFolded.has(splitUnitName(old.name).bare)],
      ];
      for (const [form, shared] of forms) {
        const found = names(form);
        if (shared) {
          // asked among several, the right one(s) included
          expect(found.length, form).toBeGreaterThan(1);
          expect(found, form).toEqual(expect.arrayContaining(expected));
          asked++;
        } else expect(found, form).toEqual(expected);
      }
    }
    expect(asked).toBeGreaterThan(10); // Tân Long, Tân Thành, Trung Thành, Hương Sơn, Sông Cầu…
  });

  it('tells apart names that differ only by accents when they are typed with them', () => {
    expect(names('Văn Lăng')).toEqual(['Xã Văn Lăng']);
    expect(names('Văn Lang')).toEqual(['Xã Văn Lang']);
    expect(names('van lang')).toEqual(['Xã Văn Lang', 'Xã Văn Lăng']);
    expect(names('Yên Lạc')).toEqual(['Xã Phú Lương']);
    expect(names('Yến Lạc')).toEqual(['Xã Na Rì']);
    expect(names('yen lac')).toEqual(['Xã Na Rì', 'Xã Phú Lương']);
  });

  it('reads the spellings residents use: tone placement, Sĩ/Sỹ, "TT.", "TP", the old name of a renamed ward', () => {
    expect(names('Hoà Mục')).toEqual(['Xã Tân Kỳ']);
    expect(names('Hòa Mục')).toEqual(['Xã Tân Kỳ']);
    expect(names('Sĩ Bình')).toEqual(['Xã Vĩnh Thông']);
    expect(names('sy binh')).toEqual(['Xã Vĩnh Thông']);
    expect(names('TT. Chợ Rã')).toEqual(['Xã Chợ Rã']);
    expect(names('xã Nông Thượng TP Bắc Kạn')).toEqual(['Phường Bắc Kạn']);
    expect(names('Nông Thượng - tỉnh Bắc Kạn')).toEqual(['Phường Bắc Kạn']);
    const quanTrieu = findPlaces(settings.places, 'phường Quán Triều');
    expect(quanTrieu.candidates.map((c) => [c.commune.name, c.old?.name])).toEqual([
      ['Phường Quan Triều', 'Phường Quán Triều'],
    ]);
  });

  it('a typed old district lists the units its old communes belong to today', () => {
    const search = findPlaces(settings.places, 'huyện Pác Nặm');
    expect(search.candidates).toEqual([]);
    expect(search.district?.communes.map((c) => c.name)).toEqual(['Xã Bằng Thành', 'Xã Nghiên Loan', 'Xã Cao Minh']);
    // the name of a unit today and of an old district: both are offered
    const bacKan = findPlaces(settings.places, 'Bắc Kạn');
    expect(bacKan.candidates.map((c) => c.commune.name)).toEqual(['Phường Bắc Kạn']);
    expect(bacKan.district?.communes.map((c) => c.name)).toEqual([
      'Xã Phong Quang',
      'Phường Đức Xuân',
      'Phường Bắc Kạn',
    ]);
  });

  it('finds nothing for places outside the province or too short to mean anything', () => {
    expect(names('Hà Nội')).toEqual([]);
    expect(names('x')).toEqual([]);
    expect(names('phường Hoàn Kiếm, quận Hoàn Kiếm')).toEqual([]);
  });
});

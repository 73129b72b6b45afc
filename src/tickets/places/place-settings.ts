// The administrative map and the departments, as staff write them: settings/communes.yaml (province, xã/phường and
// the old units each was formed from), settings/routing.yaml (departments, retired ones, routing rules) and the
// optional settings/boundaries.geojson. Checked with zod and against each other; every mistake names file and line.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { accentName } from './names.js';
import { parseWithSchema, readYamlSource, SettingsProblems, type YamlSource } from './yaml-source.js';

const CODE_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
const CODE_RULE = 'chỉ gồm chữ thường không dấu, số, - và _';

/** A code; a number means the YAML lost its leading zeros ('05443' written without quotes). */
const code = z.unknown().transform((value, ctx): string => {
  if (typeof value === 'number') {
    ctx.addIssue({
      code: 'custom',
      message: `mã ${value} phải viết trong dấu nháy đơn, ví dụ '${String(value).padStart(5, '0')}' (không có dấu nháy, số 0 ở đầu bị mất)`,
    });
    return z.NEVER;
  }
  if (typeof value !== 'string' || !CODE_PATTERN.test(value.trim())) {
    ctx.addIssue({ code: 'custom', message: `mã «${String(value)}» không hợp lệ: ${CODE_RULE}` });
    return z.NEVER;
  }
  return value.trim();
});
const codeOrAny = z.union([z.literal('*'), code]);
const text = z.string().trim().min(1);
const isoDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD'),
);
const provenance = { verify: z.boolean().optional(), note: text.optional() };

const oldUnitSchema = z.strictObject({
  code,
  name: text,
  /** The old district (huyện, thị xã, thành phố thuộc tỉnh) it belonged to. */
  district: text,
  /** Only part of it went into this unit (the rest into another). */
  part: z.boolean().default(false),
  /** Khu vực I / II / III of the old commune (Quyết định 861/QĐ-TTg, 2021–2025), when known. */
  area: z.enum(['I', 'II', 'III', 'I-II']).optional(),
  /** The remote flag earlier settings gave it. */
  remote: z.boolean().optional(),
  aliases: z.array(text).default([]),
  /** Codes earlier tiepdan settings used for it: tickets filed under them are moved to the current map. */
  legacyCodes: z.array(code).default([]),
  ...provenance,
});

const communeSchema = z.strictObject({
  code,
  name: text,
  /** vùng sâu, vùng xa đi lại khó khăn: longer complaint limits (Law on Complaints Art. 28, 37). */
  remote: z.boolean().default(false),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  /** Informational (maps that still have districts). */
  district: text.optional(),
  formedFrom: z.array(oldUnitSchema).default([]),
  ...provenance,
});

const communesFileSchema = z.strictObject({
  sources: z.array(z.strictObject({ about: text, source: text, ...provenance })).default([]),
  province: z
    .strictObject({
      code: code.optional(),
      name: text,
      since: isoDate.optional(),
      formedFrom: z.array(text).default([]),
      ...provenance,
    })
    .optional(),
  /** Buttons offered before any ticket says which units residents name most. */
  quickPicks: z.array(code).default([]),
  communes: z.array(communeSchema).min(1),
});

const routingFileSchema = z.strictObject({
  units: z.array(z.strictObject({ code, name: text, ...provenance })).min(1),
  retiredUnits: z.array(z.strictObject({ code, name: text, successor: code.optional(), ...provenance })).default([]),
  /** The unit that receives tickets no rule matches. */
  defaultUnit: code,
  rules: z.array(z.strictObject({ category: codeOrAny, commune: codeOrAny, unit: code })).default([]),
});

export type OldUnit = z.infer<typeof oldUnitSchema>;
export type Commune = z.infer<typeof communeSchema>;
export interface Province {
  code?: string | undefined;
  name: string;
  since?: string | undefined;
  formedFrom: string[];
}
export interface Unit {
  code: string;
  name: string;
}
export interface RetiredUnit extends Unit {
  /** Open tickets move here; without one they are routed again by the rules. */
  successor?: string | undefined;
}
export interface RoutingRule {
  category: string;
  commune: string;
  unit: string;
}
export interface RoutingSettings {
  units: Unit[];
  retiredUnits: RetiredUnit[];
  defaultUnit: string;
  rules: RoutingRule[];
}
/** A unit's boundary: polygons of rings of [longitude, latitude], with its bounding box. */
export interface Boundary {
  code: string;
  polygons: number[][][][];
  bbox: [number, number, number, number];
}

export interface PlaceSettings {
  province: Province;
  communes: Commune[];
  quickPicks: string[];
  routing: RoutingSettings;
  boundaries: Boundary[];
}

/** Reads communes.yaml, routing.yaml and boundaries.geojson (optional) from `dir` and checks them together. */
export async function loadPlaceSettings(dir: string, categoryCodes: readonly string[]): Promise<PlaceSettings> {
  const problems = new SettingsProblems();
  const communesSource = (await readYamlSource(dir, 'communes.yaml')) as YamlSource;
  const routingSource = (await readYamlSource(dir, 'routing.yaml')) as YamlSource;
  const communesFile = parseWithSchema(communesSource, communesFileSchema, problems);
  const routingFile = parseWithSchema(routingSource, routingFileSchema, problems);
  problems.throwIfAny(dir);
  const settings = checkPlaceSettings(
    { source: communesSource, data: communesFile as z.infer<typeof communesFileSchema> },
    { source: routingSource, data: routingFile as z.infer<typeof routingFileSchema> },
    categoryCodes,
    problems,
  );
  settings.boundaries = await readBoundaries(dir, new Set(settings.communes.map((c) => c.code)), problems);
  problems.throwIfAny(dir);
  return settings;
}

function checkPlaceSettings(
  communes: { source: YamlSource; data: z.infer<typeof communesFileSchema> },
  routing: { source: YamlSource; data: z.infer<typeof routingFileSchema> },
  categoryCodes: readonly string[],
  problems: SettingsProblems,
): PlaceSettings {
  const C = communes.source;
  const R = routing.source;
  const list = communes.data.communes;

  // current units: codes and names unique
  const byCode = new Map<string, number>();
  const byName = new Map<string, number>();
  list.forEach((commune, i) => {
    const first = byCode.get(commune.code);
    if (first !== undefined)
      problems.at(
        C,
        ['communes', i, 'code'],
        `mã «${commune.code}» bị lặp (đã dùng ở dòng ${C.lineOf(['communes', first, 'code'])})`,
      );
    else byCode.set(commune.code, i);
    const name = accentName(commune.name);
    const same = byName.get(name);
    if (same !== undefined)
      problems.at(
        C,
        ['communes', i, 'name'],
        `tên «${commune.name}» bị lặp (đã có ở dòng ${C.lineOf(['communes', same, 'name'])})`,
      );
    else byName.set(name, i);
    if ((commune.latitude === undefined) !== (commune.longitude === undefined))
      problems.at(C, ['communes', i], `«${commune.name}» cần cả latitude và longitude (hoặc bỏ cả hai)`);
  });
  communes.data.quickPicks.forEach((pick, i) => {
    if (!byCode.has(pick))
      problems.at(C, ['quickPicks', i], `quickPicks: mã «${pick}» không có trong danh sách communes`);
  });

  // old units: one code = one old unit; a code in several new units only when each got a part of it
  const oldByCode = new Map<string, Array<{ i: number; j: number; old: OldUnit }>>();
  const oldByNameDistrict = new Map<string, { code: string; i: number; j: number }>();
  const legacy = new Map<string, string>();
  list.forEach((commune, i) => {
    commune.formedFrom.forEach((old, j) => {
      const at = ['communes', i, 'formedFrom', j];
      const entries = oldByCode.get(old.code) ?? [];
      entries.push({ i, j, old });
      oldByCode.set(old.code, entries);
      const key = `${accentName(old.name)}|${accentName(old.district)}`;
      const same = oldByNameDistrict.get(key);
      if (same && same.code !== old.code)
        problems.at(
          C,
          [...at, 'name'],
          `«${old.name}, ${old.district}» bị lặp với mã khác «${same.code}» (dòng ${C.lineOf(['communes', same.i, 'formedFrom', same.j])})`,
        );
      else if (!same) oldByNameDistrict.set(key, { code: old.code, i, j });
      old.legacyCodes.forEach((legacyCode, k) => {
        const taken = legacy.get(legacyCode);
        if ((taken !== undefined && taken !== old.code) || byCode.has(legacyCode))
          problems.at(C, [...at, 'legacyCodes', k], `mã cũ «${legacyCode}» đã dùng cho đơn vị khác`);
        legacy.set(legacyCode, old.code);
      });
    });
  });
  for (const [oldCode, entries] of oldByCode) {
    if (entries.length < 2) continue;
    const first = entries[0] as { i: number; j: number; old: OldUnit };
    for (const e of entries) {
      const at = ['communes', e.i, 'formedFrom', e.j];
      if (accentName(e.old.name) !== accentName(first.old.name))
        problems.at(C, [...at, 'name'], `mã cũ «${oldCode}» mang hai tên: «${first.old.name}» và «${e.old.name}»`);
      else if (!e.old.part)
        problems.at(
          C,
          at,
          `«${e.old.name}» (mã cũ ${oldCode}) có trong ${entries.length} xã/phường mới: ${entries
            .map((x) => list[x.i]?.name)
            .join(', ')}; nếu mỗi nơi chỉ nhận một phần, ghi part: true ở mỗi dòng`,
        );
    }
  }

  // departments
  const unitCodes = new Map<string, number>();
  const unitNames = new Map<string, number>();
  routing.data.units.forEach((unit, i) => {
    if (unitCodes.has(unit.code)) problems.at(R, ['units', i, 'code'], `đơn vị «${unit.code}» bị lặp`);
    unitCodes.set(unit.code, i);
    const name = accentName(unit.name);
    if (unitNames.has(name)) problems.at(R, ['units', i, 'name'], `tên đơn vị «${unit.name}» bị lặp`);
    unitNames.set(name, i);
  });
  const retired = new Map(routing.data.retiredUnits.map((u) => [u.code, u]));
  routing.data.retiredUnits.forEach((unit, i) => {
    if (unitCodes.has(unit.code))
      problems.at(R, ['retiredUnits', i, 'code'], `«${unit.code}» vừa là đơn vị đang hoạt động vừa trong retiredUnits`);
    if (unit.successor !== undefined && !unitCodes.has(unit.successor))
      problems.at(R, ['retiredUnits', i, 'successor'], `đơn vị tiếp nhận «${unit.successor}» không có trong units`);
  });
  const unknownUnit = (unit: string): string =>
    retired.has(unit)
      ? `đơn vị «${unit}» đã thôi hoạt động (retiredUnits)${retired.get(unit)?.successor ? `; dùng «${retired.get(unit)?.successor}»` : ''}`
      : `đơn vị «${unit}» không có trong units`;
  if (!unitCodes.has(routing.data.defaultUnit))
    problems.at(R, ['defaultUnit'], `defaultUnit: ${unknownUnit(routing.data.defaultUnit)}`);
  const categories = new Set(categoryCodes);
  const seenRules = new Map<string, number>();
  routing.data.rules.forEach((rule, i) => {
    const at = ['rules', i];
    if (!unitCodes.has(rule.unit)) problems.at(R, [...at, 'unit'], unknownUnit(rule.unit));
    if (rule.category !== '*' && !categories.has(rule.category))
      problems.at(R, [...at, 'category'], `lĩnh vực «${rule.category}» không có trong categories.yaml`);
    if (rule.commune !== '*' && !byCode.has(rule.commune)) {
      const old = oldByCode.get(rule.commune)?.[0];
      problems.at(
        R,
        [...at, 'commune'],
        old
          ? `«${rule.commune}» là mã cũ của ${old.old.name}; nay thuộc ${list[old.i]?.name} — dùng mã '${list[old.i]?.code}'`
          : `xã/phường «${rule.commune}» không có trong communes.yaml`,
      );
    }
    const key = `${rule.category}|${rule.commune}`;
    const same = seenRules.get(key);
    if (same !== undefined)
      problems.at(
        R,
        at,
        `quy tắc (${rule.category}, ${rule.commune}) bị lặp (đã có ở dòng ${R.lineOf(['rules', same])})`,
      );
    else seenRules.set(key, i);
  });

  const province = communes.data.province;
  return {
    province: {
      code: province?.code,
      name: province?.name ?? 'tỉnh',
      since: province?.since,
      formedFrom: province?.formedFrom ?? [],
    },
    communes: list,
    quickPicks: communes.data.quickPicks,
    routing: {
      units: routing.data.units.map((u) => ({ code: u.code, name: u.name })),
      retiredUnits: routing.data.retiredUnits.map((u) => ({ code: u.code, name: u.name, successor: u.successor })),
      defaultUnit: routing.data.defaultUnit,
      rules: routing.data.rules,
    },
    boundaries: [],
  };
}

const positionSchema = z.tuple([z.number(), z.number()]).rest(z.number());
const ringSchema = z.array(positionSchema).min(4);
const featureSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: z.array(ringSchema).min(1) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ringSchema).min(1)).min(1) }),
  ]),
});

/** boundaries.geojson: one Feature per unit, its id (or properties.code) the unit's code. Optional. */
async function readBoundaries(dir: string, codes: Set<string>, problems: SettingsProblems): Promise<Boundary[]> {
  const file = 'boundaries.geojson';
  let raw: string;
  try {
    raw = await readFile(path.join(dir, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new AppError('CONFIG_INVALID', `Cannot read ${path.join(dir, file)}`, {
      cause: error,
      userMessage: `Không đọc được tệp ${file} trong ${dir}.`,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    problems.add(file, undefined, `không phải JSON hợp lệ (${(error as Error).message})`);
    return [];
  }
  const features = (json as { features?: unknown }).features;
  if (!Array.isArray(features)) {
    problems.add(file, undefined, 'cần một FeatureCollection có danh sách features');
    return [];
  }
  // one feature per line is the usual layout; the line helps staff find it
  const lines = raw.split('\n');
  const lineOf = (id: string) => {
    const index = lines.findIndex((l) => l.includes(`"id":"${id}"`) || l.includes(`"code":"${id}"`));
    return index >= 0 ? index + 1 : undefined;
  };
  const result: Boundary[] = [];
  features.forEach((feature, i) => {
    const parsed = featureSchema.safeParse(feature);
    if (!parsed.success) {
      problems.add(file, undefined, `vùng thứ ${i + 1} không đúng dạng GeoJSON Polygon/MultiPolygon`);
      return;
    }
    const f = parsed.data;
    const id = String(f.id ?? f.properties?.code ?? '');
    if (!codes.has(id)) {
      problems.add(file, lineOf(id), `vùng thứ ${i + 1} có mã «${id}» không có trong communes.yaml`);
      return;
    }
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const bbox: Boundary['bbox'] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of polygons.flat(2) as Array<[number, number]>) {
      bbox[0] = Math.min(bbox[0], x);
      bbox[1] = Math.min(bbox[1], y);
      bbox[2] = Math.max(bbox[2], x);
      bbox[3] = Math.max(bbox[3], y);
    }
    result.push({ code: id, polygons, bbox });
  });
  return result;
}

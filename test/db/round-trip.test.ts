// Proves the hand-written SQL migrations and prisma/schema.prisma describe the same database:
// every model round-trips every scalar field, and every table/column in the database has a model field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { createPostgresTestDatabase, createTestDatabase, postgresAvailable } from '../support/database.js';
import { readPrismaSchema, SCALAR_TYPES, type SchemaField, type SchemaModel } from '../support/prisma-schema.js';

const models = readPrismaSchema();
const modelNames = new Set(models.map((m) => m.name));

function delegate(db: Database, model: string) {
  const key = model.charAt(0).toLowerCase() + model.slice(1);
  return (db.prisma as unknown as Record<string, Record<string, (args: unknown) => Promise<Record<string, unknown>>>>)[
    key
  ] as Record<string, (args: unknown) => Promise<Record<string, unknown>>>;
}

function sampleValue(field: SchemaField, n: number): unknown {
  const base = (() => {
    switch (field.type) {
      case 'String':
        return `giá trị ${field.name} ${n} — Đắk Lắk ‘quote’ "x"`;
      case 'Int':
        return 1000 + n;
      case 'BigInt':
        return BigInt(9_007_199_254_740_993n) + BigInt(n);
      case 'Float':
        return 21.1475 + n;
      case 'Boolean':
        return n % 2 === 0;
      case 'DateTime':
        return new Date(Date.UTC(2026, 1, 17, 8, 30, 15, 123 + n));
      case 'Json':
        return { tên: 'Bắc Kạn', n, list: [1, 'hai', null, { sâu: true }] };
      case 'Bytes':
        return new Uint8Array([0, 255, n % 256]);
      default:
        throw new Error(`no sample for ${field.type}`);
    }
  })();
  return field.isList ? [base, base] : base;
}

/** Models in an order where every required parent comes first. */
function ordered(all: SchemaModel[]): SchemaModel[] {
  const result: SchemaModel[] = [];
  const placed = new Set<string>();
  while (result.length < all.length) {
    const before = result.length;
    for (const model of all) {
      if (placed.has(model.name)) continue;
      const parents = model.fields.filter((f) => f.relation && modelNames.has(f.type)).map((f) => f.type);
      if (parents.every((p) => placed.has(p) || p === model.name)) {
        result.push(model);
        placed.add(model.name);
      }
    }
    if (result.length === before) throw new Error('cyclic required relations in schema');
  }
  return result;
}

async function roundTripAll(db: Database): Promise<void> {
  const created = new Map<string, Record<string, unknown>>();
  let n = 0;
  for (const model of ordered(models)) {
    const data: Record<string, unknown> = {};
    const fkFields = new Map<string, { parent: string; reference: string }>();
    for (const f of model.fields) {
      if (f.relation) {
        f.relation.fields.forEach((local, i) => {
          fkFields.set(local, { parent: f.type, reference: f.relation?.references[i] as string });
        });
      }
    }
    for (const f of model.fields) {
      if (!SCALAR_TYPES.has(f.type)) continue;
      if (f.isAutoincrement) continue;
      const fk = fkFields.get(f.name);
      if (fk) {
        const parent = created.get(fk.parent);
        if (!parent) throw new Error(`${model.name}.${f.name}: parent ${fk.parent} not created`);
        data[f.name] = parent[fk.reference];
        continue;
      }
      n += 1;
      data[f.name] = sampleValue(f, n);
    }
    const row = await delegate(db, model.name).create({ data });
    const where: Record<string, unknown> = {};
    const idFields = model.fields.filter((f) => f.isId).map((f) => f.name);
    const keys = idFields.length > 0 ? idFields : (model.uniques[0] ?? []);
    if (keys.length === 1) where[keys[0] as string] = row[keys[0] as string];
    else where[keys.join('_')] = Object.fromEntries(keys.map((k) => [k, row[k]]));
    const back = await delegate(db, model.name).findUniqueOrThrow({ where });
    for (const f of model.fields) {
      if (!SCALAR_TYPES.has(f.type) || f.isUpdatedAt || f.isAutoincrement) continue;
      expect(back[f.name], `${model.name}.${f.name}`).toEqual(data[f.name]);
    }
    created.set(model.name, back);
  }
  expect(created.size).toBe(models.length);
}

async function columnsInDatabase(db: Database): Promise<Map<string, Set<string>>> {
  const rows = await db.sql.exec(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> '_tiepdan_migrations'`,
  );
  const tables = new Map<string, Set<string>>();
  for (const r of rows) {
    const t = String(r.table_name);
    if (!tables.has(t)) tables.set(t, new Set());
    tables.get(t)?.add(String(r.column_name));
  }
  return tables;
}

function expectSchemaMatchesDatabase(tables: Map<string, Set<string>>): void {
  const expected = new Map(
    models.map((m) => [m.name, new Set(m.fields.filter((f) => SCALAR_TYPES.has(f.type)).map((f) => f.name))]),
  );
  expect([...tables.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [table, columns] of expected) {
    expect([...(tables.get(table) ?? [])].sort(), `columns of ${table}`).toEqual([...columns].sort());
  }
}

describe('database built only from the migration files (PGlite)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('has exactly the tables and columns schema.prisma declares', async () => {
    expectSchemaMatchesDatabase(await columnsInDatabase(db));
  });

  it('round-trips every scalar field of every model', async () => {
    await roundTripAll(db);
  });
});

const pgStatus = await postgresAvailable();
if ('reason' in pgStatus) console.warn(`PostgreSQL round-trip skipped: ${pgStatus.reason}`);

describe.runIf('url' in pgStatus)('database built only from the migration files (PostgreSQL)', () => {
  let handle: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  beforeAll(async () => {
    handle = await createPostgresTestDatabase((pgStatus as { url: string }).url);
  });
  afterAll(async () => {
    await handle?.drop();
  });

  it('has exactly the tables and columns schema.prisma declares', async () => {
    expectSchemaMatchesDatabase(await columnsInDatabase(handle.db));
  });

  it('round-trips every scalar field of every model', async () => {
    await roundTripAll(handle.db);
  });
});

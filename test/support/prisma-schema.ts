// A small reader of prisma/schema.prisma for the round-trip test: models, scalar fields, relations.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './shared-data.js';

export interface SchemaField {
  name: string;
  type: string;
  isList: boolean;
  isOptional: boolean;
  isId: boolean;
  isUnique: boolean;
  isAutoincrement: boolean;
  isUpdatedAt: boolean;
  hasDefault: boolean;
  /** For a relation field: the local foreign-key fields and the referenced fields. */
  relation?: { fields: string[]; references: string[] } | undefined;
}

export interface SchemaModel {
  name: string;
  fields: SchemaField[];
  /** Composite unique constraints (@@unique([a, b])) and @@id. */
  uniques: string[][];
}

export function readPrismaSchema(file = path.join(REPO_ROOT, 'prisma/schema.prisma')): SchemaModel[] {
  const text = readFileSync(file, 'utf8');
  const models: SchemaModel[] = [];
  const blocks = text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm);
  for (const [, name, body] of blocks) {
    const model: SchemaModel = { name: name as string, fields: [], uniques: [] };
    for (const raw of (body as string).split('\n')) {
      const line = raw.replace(/\/\/.*$/, '').trim();
      if (line === '') continue;
      const composite = line.match(/^@@(?:unique|id)\(\s*\[([^\]]+)\]/);
      if (composite) {
        model.uniques.push((composite[1] as string).split(',').map((s) => s.trim()));
        continue;
      }
      if (line.startsWith('@@')) continue;
      const m = line.match(/^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/);
      if (!m) continue;
      const attrs = m[5] ?? '';
      const rel = attrs.match(/@relation\([^)]*fields:\s*\[([^\]]+)\][^)]*references:\s*\[([^\]]+)\]/);
      model.fields.push({
        name: m[1] as string,
        type: m[2] as string,
        isList: m[3] === '[]',
        isOptional: m[4] === '?',
        isId: /@id\b/.test(attrs),
        isUnique: /@unique\b/.test(attrs),
        isAutoincrement: /@default\(autoincrement\(\)\)/.test(attrs),
        isUpdatedAt: /@updatedAt\b/.test(attrs),
        hasDefault: /@default\(/.test(attrs),
        relation: rel
          ? {
              fields: (rel[1] as string).split(',').map((s) => s.trim()),
              references: (rel[2] as string).split(',').map((s) => s.trim()),
            }
          : undefined,
      });
    }
    models.push(model);
  }
  return models;
}

export const SCALAR_TYPES = new Set([
  'String',
  'Int',
  'BigInt',
  'Float',
  'Decimal',
  'Boolean',
  'DateTime',
  'Json',
  'Bytes',
]);

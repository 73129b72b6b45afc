// Public face of the data layer.

export type { Prisma } from '../generated/prisma/client.js';
export type { Leadership } from './leader-lock.js';
export { applyMigrations, MIGRATIONS_DIR, type MigrationResult, readMigrations, type SqlExecutor } from './migrate.js';
export { type Database, type OpenDatabaseOptions, openDatabase, type PrismaClient } from './open-database.js';

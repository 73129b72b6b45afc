// Prisma-backed state of the Zalo channel: the token pair, webhook events by msg_id, and per-resident state.
import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import type {
  WindowClosedNotice,
  ZaloEventStore,
  ZaloResidentStore,
  ZaloTokenStore,
} from '../../channels/zalo/index.js';
import { WINDOW_CLOSED_REASON } from '../../channels/zalo/index.js';
import type { QuickReply } from '../../conversation/types.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../open-database.js';
import { createRawQuery } from './raw-query.js';

export function createPrismaZaloTokenStore(prisma: PrismaClient): ZaloTokenStore {
  return {
    async load() {
      const row = await prisma.zaloToken.findUnique({ where: { id: 1 } });
      if (!row) return undefined;
      return {
        accessToken: row.accessToken ?? undefined,
        accessExpiresAt: row.accessExpiresAt ?? undefined,
        refreshToken: row.refreshToken ?? undefined,
        seedHash: row.seedHash ?? undefined,
        brokenReason: row.brokenReason ?? undefined,
        refreshedAt: row.refreshedAt ?? undefined,
      };
    },
    async seed(refreshToken, seedHash) {
      const data = { refreshToken, seedHash, accessToken: null, accessExpiresAt: null, brokenReason: null };
      await prisma.zaloToken.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    },
    async saveRefreshed(pair) {
      // one statement: the new refresh token and its access token are stored together or not at all
      const data = { ...pair, brokenReason: null };
      await prisma.zaloToken.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    },
    async markBroken(reason) {
      await prisma.zaloToken.updateMany({ where: { id: 1 }, data: { brokenReason: reason } });
    },
  };
}

export interface PrismaZaloStoreOptions {
  prisma: PrismaClient;
  /** The embedded database behind `prisma`: per-message statements go to it directly (see raw-query.ts). */
  pglite?: PGlite | undefined;
  owner?: string;
}

export function createPrismaZaloEventStore({
  prisma,
  pglite,
  owner = randomUUID(),
}: PrismaZaloStoreOptions): ZaloEventStore {
  const query = createRawQuery(prisma, pglite);
  return {
    async claim(eventKey) {
      // a row left "processing" by another (killed) run is taken over
      const rows = await query<{ msgId: string }>(
        Prisma.sql`INSERT INTO "ZaloEvent" ("msgId", "owner") VALUES (${eventKey}, ${owner})
         ON CONFLICT ("msgId") DO UPDATE SET "owner" = EXCLUDED."owner", "updatedAt" = CURRENT_TIMESTAMP
           WHERE "ZaloEvent"."status" = 'processing' AND "ZaloEvent"."owner" <> EXCLUDED."owner"
         RETURNING "msgId"`,
      );
      return rows.length === 1 ? 'new' : 'duplicate';
    },
    async complete(eventKey) {
      await query(
        Prisma.sql`UPDATE "ZaloEvent" SET "status" = 'done', "updatedAt" = CURRENT_TIMESTAMP WHERE "msgId" = ${eventKey}`,
      );
    },
    async release(eventKey) {
      await query(Prisma.sql`DELETE FROM "ZaloEvent" WHERE "msgId" = ${eventKey} AND "status" = 'processing'`);
    },
    async prune(olderThan) {
      const result = await prisma.zaloEvent.deleteMany({ where: { createdAt: { lt: olderThan } } });
      return result.count;
    },
  };
}

function toOptions(value: unknown): QuickReply[] {
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (o): o is QuickReply =>
      typeof o === 'object' && o !== null && typeof o.label === 'string' && typeof o.action === 'string',
  );
}

export function createPrismaZaloResidentStore({ prisma, pglite }: PrismaZaloStoreOptions): ZaloResidentStore {
  const query = createRawQuery(prisma, pglite);
  const reason = `%${WINDOW_CLOSED_REASON}%`;
  return {
    async recordInbound(userId, at) {
      // one statement: the window reopened, the remembered options, and the answers a closed window held back
      const rows = await query<{ options: unknown; notices: unknown }>(
        Prisma.sql`WITH up AS (
           INSERT INTO "ZaloResident" ("userId", "lastInboundAt") VALUES (${userId}, ${at})
           ON CONFLICT ("userId") DO UPDATE SET "lastInboundAt" = EXCLUDED."lastInboundAt", "updatedAt" = CURRENT_TIMESTAMP
           RETURNING "options", "noticedOutboxId")
         SELECT up."options",
           COALESCE((SELECT json_agg(json_build_object('outboxId', o."id", 'ticketCode', t."code") ORDER BY o."id")
             FROM "OutboxMessage" o LEFT JOIN "Ticket" t ON t."id" = o."ticketId"
             WHERE o."channel" = 'zalo' AND o."channelUserId" = ${userId} AND o."status" = 'failed'
               AND o."lastError" LIKE ${reason} AND o."id" > up."noticedOutboxId"), '[]'::json) AS "notices"
         FROM up`,
      );
      const row = rows[0];
      const raw = typeof row?.notices === 'string' ? (JSON.parse(row.notices) as unknown) : row?.notices;
      const notices: WindowClosedNotice[] = Array.isArray(raw)
        ? raw.map((n: { outboxId: number; ticketCode: string | null }) => ({
            outboxId: Number(n.outboxId),
            ticketCode: n.ticketCode ?? undefined,
          }))
        : [];
      return { options: toOptions(row?.options), notices };
    },
    async rememberOptions(userId, options) {
      const json = JSON.stringify(options.map((o) => ({ label: o.label, action: o.action })));
      await query(
        Prisma.sql`INSERT INTO "ZaloResident" ("userId", "options") VALUES (${userId}, ${json}::jsonb)
         ON CONFLICT ("userId") DO UPDATE SET "options" = EXCLUDED."options", "updatedAt" = CURRENT_TIMESTAMP`,
      );
    },
    async markNoticed(userId, outboxId) {
      await prisma.zaloResident.updateMany({ where: { userId }, data: { noticedOutboxId: outboxId } });
    },
    async lastInboundAt(userId) {
      const row = await prisma.zaloResident.findUnique({ where: { userId } });
      return row?.lastInboundAt ?? undefined;
    },
  };
}

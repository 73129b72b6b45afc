// Prisma-backed state of the Zalo channel: the token pair, webhook events by msg_id, and per-resident state.
import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import type {
  ClaimOutcome,
  WindowClosedNotice,
  ZaloEventStore,
  ZaloResidentStore,
  ZaloTokenStore,
} from '../../channels/zalo/index.js';
import { WINDOW_CLOSED_REASON } from '../../channels/zalo/index.js';
import type { QuickReply } from '../../conversation/types.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { PrismaClient } from '../open-database.js';
import { GroupCommitter } from './group-committer.js';
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

/** How long "done" marks gather before one statement writes them (nobody awaits them). */
const COMPLETION_LINGER_MS = 20;
/**
 * How long records of what was sent gather before one statement writes them. Nobody awaits them either: the sender
 * hands the options it numbered to the resident's next message itself until they are written (pendingOptions).
 */
const RECORD_LINGER_MS = 20;

export function createPrismaZaloEventStore({
  prisma,
  pglite,
  owner = randomUUID(),
}: PrismaZaloStoreOptions): ZaloEventStore {
  const query = createRawQuery(prisma, pglite);
  const reason = `%${WINDOW_CLOSED_REASON}%`;
  type Claim = { key: string; userId: string; at: Date };
  const claims = new GroupCommitter<Claim, ClaimOutcome>(async (items) => {
    // One statement for the batch, so deliveries of the same msg_id racing here cannot both win (a row left
    // "processing" by another, killed, run is taken over), and only a won claim records its resident's inbound
    // time and reads the resident's options and the answers a closed window held back.
    const rows = await query<{ msgId: string; options: unknown; notices: unknown }>(
      Prisma.sql`WITH input AS (
           SELECT k AS "msgId", u AS "userId", a::timestamp(3) AS "at"
           FROM unnest(${items.map((i) => i.key)}::text[], ${items.map((i) => i.userId)}::text[],
             ${items.map((i) => i.at.toISOString())}::text[]) AS x(k, u, a)),
         claimed AS (
           INSERT INTO "ZaloEvent" ("msgId", "owner")
           SELECT DISTINCT "msgId", ${owner} FROM input
           ON CONFLICT ("msgId") DO UPDATE SET "owner" = EXCLUDED."owner", "updatedAt" = CURRENT_TIMESTAMP
             WHERE "ZaloEvent"."status" = 'processing' AND "ZaloEvent"."owner" <> EXCLUDED."owner"
           RETURNING "msgId"),
         won AS (
           SELECT DISTINCT ON (i."userId") i."userId", i."at"
           FROM input i JOIN claimed c ON c."msgId" = i."msgId"
           ORDER BY i."userId", i."at" DESC),
         up AS (
           INSERT INTO "ZaloResident" ("userId", "lastInboundAt") SELECT "userId", "at" FROM won
           ON CONFLICT ("userId") DO UPDATE SET "lastInboundAt" = EXCLUDED."lastInboundAt", "repliesSinceInbound" = 0,
             "updatedAt" = CURRENT_TIMESTAMP
           RETURNING "userId", "options", "noticedOutboxId")
         SELECT DISTINCT ON (c."msgId") c."msgId", up."options",
           COALESCE((SELECT json_agg(json_build_object('outboxId', o."id", 'ticketCode', t."code") ORDER BY o."id")
             FROM "OutboxMessage" o LEFT JOIN "Ticket" t ON t."id" = o."ticketId"
             WHERE o."channel" = 'zalo' AND o."channelUserId" = up."userId" AND o."status" = 'failed'
               AND o."lastError" LIKE ${reason} AND o."id" > up."noticedOutboxId"), '[]'::json) AS "notices"
         FROM claimed c JOIN input i ON i."msgId" = c."msgId" JOIN up ON up."userId" = i."userId"`,
    );
    const won = new Map(rows.map((r) => [r.msgId, r]));
    const seen = new Set<string>();
    // within one batch only the first request for a key may win
    return ({ key }) => {
      const isFirst = !seen.has(key);
      seen.add(key);
      const row = won.get(key);
      if (!isFirst || !row) return { status: 'duplicate' };
      return { status: 'new', options: toOptions(row.options), notices: toNotices(row.notices) };
    };
  });
  const completions = new GroupCommitter<string>(async (keys) => {
    await query(
      Prisma.sql`UPDATE "ZaloEvent" SET "status" = 'done', "updatedAt" = CURRENT_TIMESTAMP
       WHERE "msgId" = ANY(${[...new Set(keys)]}::text[])`,
    );
    return () => undefined;
  }, COMPLETION_LINGER_MS);
  return {
    claim: (eventKey, inbound) => claims.submit({ key: eventKey, userId: inbound.userId, at: inbound.at }),
    complete: (eventKey) => completions.submit(eventKey),
    async release(eventKey) {
      await query(Prisma.sql`DELETE FROM "ZaloEvent" WHERE "msgId" = ${eventKey} AND "status" = 'processing'`);
    },
    async prune(olderThan) {
      const result = await prisma.zaloEvent.deleteMany({ where: { createdAt: { lt: olderThan } } });
      return result.count;
    },
  };
}

function toNotices(value: unknown): WindowClosedNotice[] {
  const raw = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(raw)
    ? raw.map((n: { outboxId: number; ticketCode: string | null }) => ({
        outboxId: Number(n.outboxId),
        ticketCode: n.ticketCode ?? undefined,
      }))
    : [];
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
  type Sent = { userId: string; sent: number; json: string | null; at: string };
  const recorded = new GroupCommitter<Sent>(async (items) => {
    // Per user in the batch: the last options given win (null: leave them). The messages sent count only when sent
    // at or after the resident's last message: the batch lingers, so the claim of their next message (which starts
    // the count again) may have been written first.
    await query(
      Prisma.sql`WITH x AS (
           SELECT u, n, o, s::timestamp(3) AS s, ord
           FROM unnest(${items.map((i) => i.userId)}::text[], ${items.map((i) => i.sent)}::int[],
             ${items.map((i) => i.json)}::text[], ${items.map((i) => i.at)}::text[]) WITH ORDINALITY AS t(u, n, o, s, ord))
       INSERT INTO "ZaloResident" ("userId", "repliesSinceInbound", "options")
       SELECT u, SUM(n)::int,
         COALESCE((SELECT y.o FROM x y WHERE y.u = x.u AND y.o IS NOT NULL ORDER BY y.ord DESC LIMIT 1)::jsonb,
           'null'::jsonb)
       FROM x GROUP BY u
       ON CONFLICT ("userId") DO UPDATE SET
         "repliesSinceInbound" = "ZaloResident"."repliesSinceInbound" + COALESCE((SELECT SUM(y.n) FROM x y
           WHERE y.u = EXCLUDED."userId"
             AND ("ZaloResident"."lastInboundAt" IS NULL OR y.s >= "ZaloResident"."lastInboundAt")), 0)::int,
         "options" = CASE WHEN EXCLUDED."options" = 'null'::jsonb THEN "ZaloResident"."options"
           ELSE EXCLUDED."options" END,
         "updatedAt" = CURRENT_TIMESTAMP`,
    );
    return () => undefined;
  }, RECORD_LINGER_MS);
  return {
    recordSent: (userId, sent, options) =>
      recorded.submit({
        userId,
        sent,
        json: options ? JSON.stringify(options.map((o) => ({ label: o.label, action: o.action }))) : null,
        at: new Date().toISOString(),
      }),
    async markNoticed(userId, outboxId) {
      await prisma.zaloResident.updateMany({ where: { userId }, data: { noticedOutboxId: outboxId } });
    },
    async windowState(userId) {
      const row = await prisma.zaloResident.findUnique({ where: { userId } });
      return { lastInboundAt: row?.lastInboundAt ?? undefined, repliesSinceInbound: row?.repliesSinceInbound ?? 0 };
    },
  };
}

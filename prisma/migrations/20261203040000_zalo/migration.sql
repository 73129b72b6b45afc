-- zalo: the OA's token pair, webhook dedupe by msg_id, and per-resident channel state (reply window, numbered options).

CREATE TABLE "ZaloToken" (
    "id" INTEGER PRIMARY KEY DEFAULT 1,
    "accessToken" TEXT,
    "accessExpiresAt" TIMESTAMP(3),
    "refreshToken" TEXT,
    "seedHash" TEXT,
    "brokenReason" TEXT,
    "refreshedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "ZaloEvent" (
    "msgId" TEXT PRIMARY KEY,
    "status" TEXT NOT NULL DEFAULT 'processing',
    "owner" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "ZaloEvent_createdAt_idx" ON "ZaloEvent"("createdAt");

CREATE TABLE "ZaloResident" (
    "userId" TEXT PRIMARY KEY,
    "lastInboundAt" TIMESTAMP(3),
    "options" JSONB NOT NULL DEFAULT '[]',
    "noticedOutboxId" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

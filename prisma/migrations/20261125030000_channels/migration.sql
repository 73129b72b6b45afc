-- channels: web chat sessions and transcripts, Telegram update dedupe.

CREATE TABLE "WebChatSession" (
    "id" TEXT PRIMARY KEY,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "WebChatMessage" (
    "id" SERIAL PRIMARY KEY,
    "sessionId" TEXT NOT NULL REFERENCES "WebChatSession"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    "sender" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "quickReplies" JSONB NOT NULL DEFAULT '[]',
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "clientMessageId" TEXT,
    "replyToId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "WebChatMessage_sessionId_clientMessageId_key" ON "WebChatMessage"("sessionId", "clientMessageId");
CREATE INDEX "WebChatMessage_sessionId_id_idx" ON "WebChatMessage"("sessionId", "id");

CREATE TABLE "TelegramUpdate" (
    "updateId" BIGINT PRIMARY KEY,
    "status" TEXT NOT NULL DEFAULT 'processing',
    "owner" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "TelegramUpdate_createdAt_idx" ON "TelegramUpdate"("createdAt");

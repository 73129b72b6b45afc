-- tiepdan initial schema: knowledge, conversation, tickets.

CREATE TABLE "Document" (
    "id" SERIAL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "level" TEXT,
    "issuer" TEXT,
    "issuedDate" TEXT,
    "field" TEXT,
    "url" TEXT,
    "sourcePath" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "meta" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "Document_code_key" ON "Document"("code");

CREATE TABLE "Chunk" (
    "id" SERIAL PRIMARY KEY,
    "documentId" INTEGER NOT NULL REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    "ordinal" INTEGER NOT NULL,
    "section" TEXT NOT NULL,
    "aspect" TEXT NOT NULL,
    "text" TEXT NOT NULL
);
CREATE UNIQUE INDEX "Chunk_documentId_ordinal_key" ON "Chunk"("documentId", "ordinal");
CREATE INDEX "Chunk_documentId_idx" ON "Chunk"("documentId");

CREATE TABLE "KnowledgeRevision" (
    "id" INTEGER PRIMARY KEY DEFAULT 1,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "Resident" (
    "id" SERIAL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "channelUserId" TEXT NOT NULL,
    "displayName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "Resident_channel_channelUserId_key" ON "Resident"("channel", "channelUserId");

CREATE TABLE "ConversationState" (
    "residentId" INTEGER PRIMARY KEY REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    "dialog" TEXT,
    "step" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "context" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "ProcessedMessage" (
    "key" TEXT PRIMARY KEY,
    "residentId" INTEGER,
    "replies" JSONB NOT NULL DEFAULT '[]',
    "processedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "ProcessedMessage_processedAt_idx" ON "ProcessedMessage"("processedAt");

CREATE TABLE "Feedback" (
    "id" SERIAL PRIMARY KEY,
    "residentId" INTEGER NOT NULL REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "docCodes" TEXT[],
    "rating" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "UnansweredQuestion" (
    "id" SERIAL PRIMARY KEY,
    "residentId" INTEGER REFERENCES "Resident"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    "channel" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "docCodes" TEXT[],
    "status" TEXT NOT NULL DEFAULT 'open',
    "staffNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3)
);
CREATE INDEX "UnansweredQuestion_status_createdAt_idx" ON "UnansweredQuestion"("status", "createdAt");

CREATE TABLE "Unit" (
    "id" SERIAL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL
);
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");

CREATE TABLE "RoutingRule" (
    "id" SERIAL PRIMARY KEY,
    "category" TEXT NOT NULL,
    "commune" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "RoutingRule_category_commune_key" ON "RoutingRule"("category", "commune");

CREATE TABLE "Ticket" (
    "id" SERIAL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "commune" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'received',
    "closeReason" TEXT,
    "statusNote" TEXT,
    "publicAnswer" TEXT,
    "isRemoteArea" BOOLEAN NOT NULL DEFAULT false,
    "isComplex" BOOLEAN NOT NULL DEFAULT false,
    "isSecondTime" BOOLEAN NOT NULL DEFAULT false,
    "extensions" INTEGER NOT NULL DEFAULT 0,
    "channel" TEXT NOT NULL,
    "residentId" INTEGER REFERENCES "Resident"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    "unitId" INTEGER REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    "assignee" TEXT,
    "sourceKey" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgeBy" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3),
    "acknowledgedAt" TIMESTAMP(3),
    "answeredAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "disputedAt" TIMESTAMP(3),
    "residentResolved" BOOLEAN,
    "satisfaction" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "Ticket_code_key" ON "Ticket"("code");
CREATE UNIQUE INDEX "Ticket_sourceKey_key" ON "Ticket"("sourceKey");
CREATE INDEX "Ticket_status_dueAt_idx" ON "Ticket"("status", "dueAt");
CREATE INDEX "Ticket_residentId_idx" ON "Ticket"("residentId");

CREATE TABLE "TicketPersonal" (
    "ticketId" INTEGER PRIMARY KEY REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    "fullName" TEXT,
    "phone" TEXT,
    "address" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "TicketAttachment" (
    "id" SERIAL PRIMARY KEY,
    "ticketId" INTEGER NOT NULL REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    "kind" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "Consent" (
    "id" SERIAL PRIMARY KEY,
    "residentId" INTEGER NOT NULL REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    "ticketId" INTEGER,
    "purpose" TEXT NOT NULL,
    "wording" TEXT NOT NULL,
    "givenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3)
);

CREATE TABLE "OutboxMessage" (
    "id" SERIAL PRIMARY KEY,
    "dedupeKey" TEXT NOT NULL,
    "ticketId" INTEGER REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    "channel" TEXT NOT NULL,
    "channelUserId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3)
);
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

CREATE TABLE "AuditLog" (
    "id" SERIAL PRIMARY KEY,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);
CREATE UNIQUE INDEX "AuditLog_hash_key" ON "AuditLog"("hash");

CREATE TABLE "Holiday" (
    "date" TEXT PRIMARY KEY,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'computed'
);

CREATE TABLE "RateLimit" (
    "key" TEXT PRIMARY KEY,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0
);

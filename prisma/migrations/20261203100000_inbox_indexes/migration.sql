-- The console's inbox, filtered, ordered by the current legal deadline and paged in the database (issue 9).
-- The order is an expression (the deadline depends on the status), so its index is an expression index, written
-- exactly as DEADLINE_SQL in src/db/stores/ticket-store.ts; schema.prisma cannot declare it and does not list it.
CREATE INDEX "Ticket_current_deadline_idx" ON "Ticket" (
    (CASE WHEN status = 'received' THEN LEAST("dueAt", "acknowledgeBy") WHEN status IN ('accepted', 'in_progress') THEN "dueAt" END) ASC NULLS LAST,
    "receivedAt" ASC,
    "id" ASC
);
-- The inbox of one unit (unit-scoped roles, the unit filter) and "reply failed" (the outbox rows of a ticket).
CREATE INDEX "Ticket_unitId_idx" ON "Ticket"("unitId");
CREATE INDEX "OutboxMessage_ticketId_idx" ON "OutboxMessage"("ticketId");
-- Newest first (the CLI's list and the default order) and the report's period.
CREATE INDEX "Ticket_receivedAt_idx" ON "Ticket"("receivedAt");

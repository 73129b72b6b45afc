-- Officers' internal notes on a ticket (never sent), a failed reply marked as given by phone, and the stored name and
-- recognised type of a resident's file; an account's last sign-in (the admin's accounts page).

CREATE TABLE "TicketNote" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "author" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TicketNote_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "TicketNote_ticketId_id_idx" ON "TicketNote"("ticketId", "id");
ALTER TABLE "TicketNote" ADD CONSTRAINT "TicketNote_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "OutboxMessage" ADD COLUMN "phonedBy" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "phoneNote" TEXT;

ALTER TABLE "TicketAttachment" ADD COLUMN "name" TEXT;
ALTER TABLE "TicketAttachment" ADD COLUMN "mimeType" TEXT;

ALTER TABLE "Account" ADD COLUMN "lastSignInAt" TIMESTAMP(3);

-- deadline steps (issue 11): the forwarding deadline, the denouncer's acceptance notice and its deadline, and the
-- reason a denunciation's acceptance period was lengthened, so reports can count each step against its limit;
-- worked Saturdays and the announcement behind each official day in the Holiday mirror.

ALTER TABLE "Ticket" ADD COLUMN "acknowledgeExtensionReason" TEXT;
ALTER TABLE "Ticket" ADD COLUMN "forwardBy" TIMESTAMP(3);
ALTER TABLE "Ticket" ADD COLUMN "notifyBy" TIMESTAMP(3);
ALTER TABLE "Ticket" ADD COLUMN "notifiedAt" TIMESTAMP(3);

ALTER TABLE "Holiday" ADD COLUMN "type" TEXT NOT NULL DEFAULT 'day_off';
ALTER TABLE "Holiday" ADD COLUMN "announcement" TEXT;

-- dispute reason: what the resident says is still wrong when they dispute an answer. Their own words, so it is
-- personal data: kept with the ticket's personal part and erased with it (/xoadulieu).

ALTER TABLE "TicketPersonal" ADD COLUMN "disputeReason" TEXT;

-- a queued question handed to staff as a ticket (kind question, CH-…) remembers its code: answering the ticket
-- resolves the question in the staff queue too.

ALTER TABLE "UnansweredQuestion" ADD COLUMN "ticketCode" TEXT;
CREATE INDEX "UnansweredQuestion_ticketCode_idx" ON "UnansweredQuestion"("ticketCode");

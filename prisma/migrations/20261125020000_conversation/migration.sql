-- conversation: the rating flow (why 👎, in the resident's words), the link from feedback and queued questions
-- to the answer they are about, and an index to list/erase one resident's processed-message records.

ALTER TABLE "Feedback" ADD COLUMN "answerRef" TEXT;
ALTER TABLE "Feedback" ADD COLUMN "reason" TEXT;
ALTER TABLE "Feedback" ADD COLUMN "comment" TEXT;
CREATE INDEX "Feedback_residentId_answerRef_idx" ON "Feedback"("residentId", "answerRef");

ALTER TABLE "UnansweredQuestion" ADD COLUMN "answerRef" TEXT;
CREATE INDEX "UnansweredQuestion_residentId_answerRef_idx" ON "UnansweredQuestion"("residentId", "answerRef");

CREATE INDEX "ProcessedMessage_residentId_idx" ON "ProcessedMessage"("residentId");

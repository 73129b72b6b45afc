-- The console's question queue: the answer staff wrote, and the FAQ entry it became.
ALTER TABLE "UnansweredQuestion" ADD COLUMN "staffAnswer" TEXT;
ALTER TABLE "UnansweredQuestion" ADD COLUMN "faqCode" TEXT;

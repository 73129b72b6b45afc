-- Zalo's free replies: 8 messages within 48 hours of the resident's last message. Counted per resident, set back
-- to 0 when the resident writes.
ALTER TABLE "ZaloResident" ADD COLUMN "repliesSinceInbound" INTEGER NOT NULL DEFAULT 0;

-- Each Zalo message's claim looks for the resident's answers Zalo refused (window closed) by channel, user and
-- status; without this index every claim batch read every failed outbox row.
CREATE INDEX "OutboxMessage_channel_channelUserId_status_idx" ON "OutboxMessage"("channel", "channelUserId", "status");

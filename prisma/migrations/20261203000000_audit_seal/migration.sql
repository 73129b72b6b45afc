-- audit seal: an HMAC of each row's hash under a key kept outside the database (AUDIT_KEY, or DATA_DIR/audit.key).
-- Someone who can write the database but not read the key cannot re-hash the chain after an edit unnoticed.
-- Rows written before a key was configured keep a NULL seal.

ALTER TABLE "AuditLog" ADD COLUMN "mac" TEXT;

-- current map: from 1/7/2025 local government has two levels (tỉnh, xã/phường) and units were merged
-- (Nghị quyết 202/2025/QH15, 1683/NQ-UBTVQH15 for Thái Nguyên). A ticket keeps the place it was filed under for the
-- record and follows today's map for routing, deadlines and reports:
--   "commune"    today's xã/phường (unchanged meaning; tickets of old units are moved at start-up, see below)
--   "oldCommune" the old unit (old national code) the resident named, or the ticket was filed under
--   "filedPlace" the place as written when filed, e.g. 'Xã Nông Thượng, Thành phố Bắc Kạn (cũ)'
-- Which old unit became which is data staff keep in settings/communes.yaml (formedFrom, legacyCodes), not SQL: at
-- every start-up src/tickets/places/reconcile-ticket-places.ts moves tickets whose "commune" is an old or earlier
-- settings code onto today's unit, filling "oldCommune" and "filedPlace", with one audit row per ticket. Until then
-- the original code stays in "commune", so nothing is lost whatever the settings say.

ALTER TABLE "Ticket" ADD COLUMN "oldCommune" TEXT;
ALTER TABLE "Ticket" ADD COLUMN "filedPlace" TEXT;

-- the place picker offers the units residents name most; reports count per unit
CREATE INDEX "Ticket_commune_idx" ON "Ticket"("commune");

// Use case: a resident sees the personal data the desk keeps about them (right of access): their requests with the
// name, phone and address they gave and any dispute reason, and their consents. Only their own, unmasked.
import type { TicketDeps } from './deps.js';
import { personalPart } from './ticket-helpers.js';
import type { ResidentRef, TicketKind, TicketPersonalData } from './types.js';

/** Requests and consents listed in full; older ones are counted (a chat message must stay readable). */
export const MAX_SHOWN_RESIDENT_ITEMS = 10;

export interface ResidentTicketData {
  code: string;
  kind: TicketKind;
  receivedAt: Date;
  /** What the resident gave (null when nothing, or already erased). */
  personal: TicketPersonalData | null;
  /** Their words when disputing the last answer. */
  disputeReason: string | null;
}

export interface ResidentConsentData {
  purpose: string;
  wording: string;
  givenAt: Date;
  withdrawnAt: Date | null;
}

export interface ResidentPersonalData {
  /** Newest first, at most MAX_SHOWN_RESIDENT_ITEMS. */
  tickets: ResidentTicketData[];
  ticketCount: number;
  /** Newest first, at most MAX_SHOWN_RESIDENT_ITEMS. */
  consents: ResidentConsentData[];
  consentCount: number;
}

export interface ShowResidentPersonalDataOptions {
  /** The resident, by id (conversation core) or by channel identity. */
  resident: { residentId: number } | Pick<ResidentRef, 'channel' | 'channelUserId'>;
}

export async function showResidentPersonalData(
  deps: TicketDeps,
  options: ShowResidentPersonalDataOptions,
): Promise<ResidentPersonalData> {
  const { store } = deps;
  const residentId =
    'residentId' in options.resident ? options.resident.residentId : await store.findResidentId(options.resident);
  if (residentId === null) return { tickets: [], ticketCount: 0, consents: [], consentCount: 0 };
  // only tickets linked to this resident: anonymous ones and ones unlinked by an erasure are nobody's to show
  const all = await store.listTickets({ residentId, limit: 10_000 });
  const shown = all.slice(0, MAX_SHOWN_RESIDENT_ITEMS);
  const ids = shown.map((t) => t.id);
  const personal = await store.getPersonalMany(ids);
  const consents = (await store.listConsents(residentId)).reverse();
  return {
    tickets: shown.map((t) => {
      const stored = personal.get(t.id);
      const p = stored && personalPart(stored);
      return {
        code: t.code,
        kind: t.kind,
        receivedAt: t.receivedAt,
        personal: p && Object.values(p).some((v) => v !== null) ? p : null,
        disputeReason: stored?.disputeReason ?? null,
      };
    }),
    ticketCount: all.length,
    consents: consents.slice(0, MAX_SHOWN_RESIDENT_ITEMS).map((c) => ({
      purpose: c.purpose,
      wording: c.wording,
      givenAt: c.givenAt,
      withdrawnAt: c.withdrawnAt,
    })),
    consentCount: consents.length,
  };
}

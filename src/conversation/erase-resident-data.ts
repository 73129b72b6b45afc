// Erases a resident's personal data everywhere it is held: other contexts first, then the conversation store (as an effect).
import type { ResidentDataHolder, StoreEffect } from './ports.js';

export interface EraseResidentDataOptions {
  holders: ResidentDataHolder[];
  residentId: number;
  messageKey: string;
}

/**
 * Asks every holder (tickets, web transcripts…) to erase, then returns the store effect that erases the
 * conversation's own data in the turn's transaction. Holders are idempotent, so a redo is harmless.
 */
export async function eraseResidentData({
  holders,
  residentId,
  messageKey,
}: EraseResidentDataOptions): Promise<{ keepIdentity: boolean; effect: StoreEffect }> {
  let keepIdentity = false;
  for (const holder of holders) {
    const result = await holder.eraseResidentData({ residentId, messageKey });
    keepIdentity ||= result.keepIdentity;
  }
  return { keepIdentity, effect: { type: 'erase-resident', keepIdentity } };
}

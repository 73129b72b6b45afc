// Provisions valid only up to a date ("… đến hết ngày 31/12/2023"): found, so an answer never shows them as current.

// "đến hết ngày 31/12/2023", "đến ngày 30/6/2025", "đến hết ngày 31 tháng 12 năm 2026", "đến hết năm 2024"
const UNTIL =
  /đến\s+(?:hết\s+)?(?:ngày\s+(\d{1,2})\s*(?:\/|-|\s+tháng\s+)(\d{1,2})\s*(?:\/|-|\s+năm\s+)(\d{4})|năm\s+(\d{4}))/giu;

/** The last day a provision in `text` applies, when the text says "đến (hết) ngày …"; the latest if it says several. */
export function validUntil(text: string): Date | undefined {
  let latest: Date | undefined;
  for (const m of text.matchAll(UNTIL)) {
    const date = m[4]
      ? new Date(Date.UTC(Number(m[4]), 11, 31))
      : new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])));
    if (Number.isNaN(date.getTime())) continue;
    if (!latest || date > latest) latest = date;
  }
  return latest;
}

/** True when the text states a provision that ended before `today` (the whole of its last day counts). */
export function isExpiredProvision(text: string, today: Date): boolean {
  const until = validUntil(text);
  if (!until) return false;
  const endOfDay = until.getTime() + 24 * 60 * 60 * 1000;
  return endOfDay <= today.getTime();
}

/** Said after a quoted provision whose end date has passed. */
export const EXPIRED_NOTE = '(mức này ghi thời hạn áp dụng đã qua, có thể đã hết hiệu lực)';

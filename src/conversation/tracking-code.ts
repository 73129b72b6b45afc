// Finds a ticket tracking code (e.g. PA-2611-7K3QXW) anywhere in a message; the check character is the tickets context's job.

/** Kind prefixes of tracking codes: phản ánh/kiến nghị, khiếu nại, tố cáo, câu hỏi. */
export const TRACKING_CODE_PREFIXES = ['PA', 'KN', 'TC', 'CH'] as const;

// Prefix, YYMM, then 6 characters (5 random + 1 check). Separators optional and any dash or a space,
// because residents retype codes from a screenshot or a paper receipt.
const CODE = /(?<![\p{L}\p{N}])(PA|KN|TC|CH)\s?[-–—_.]?\s?(\d{4})\s?[-–—_.]?\s?([0-9A-Z]{6})(?![\p{L}\p{N}])/iu;

/** The first tracking code in `text`, upper-cased in canonical form `PA-2611-7K3QXW`, or undefined. */
export function findTrackingCode(text: string): string | undefined {
  const match = CODE.exec(text.normalize('NFC'));
  if (!match) return undefined;
  const [, prefix, period, tail] = match as unknown as [string, string, string, string];
  return `${prefix.toUpperCase()}-${period}-${tail.toUpperCase()}`;
}

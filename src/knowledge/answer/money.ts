// Money written one way in answers ("135.000 đồng"), whatever style the record mixes ("135,000 VNĐ", "160.000đ").

// An amount, grouped with dots or commas or not at all, then a Vietnamese currency word. "đ" only when no letter
// follows ("đồng" is matched first; "đ/lần" is money, "đất" is not).
const AMOUNT = /(?<![\p{L}\p{N}.,])(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(Việt Nam Đồng|VNĐ|VND|đồng|Đồng|đ(?![\p{L}]))/gu;

/** "10,000 Việt Nam Đồng" → "10.000 đồng", "160.000đ" → "160.000 đồng"; other text is left as it is. */
export function normalizeMoney(text: string): string {
  return text.replace(AMOUNT, (_whole, amount: string) => `${groupThousands(amount.replace(/[.,]/g, ''))} đồng`);
}

/** "4500000" → "4.500.000" (Vietnamese groups thousands with dots). */
export function groupThousands(digits: string): string {
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  return trimmed.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

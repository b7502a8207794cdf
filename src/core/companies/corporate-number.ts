/**
 * 法人番号 (corporate number, 13 digits). The first digit is a check digit over the 12 base digits
 * after it: check = 9 − (Σ digit × weight mod 9), the weights 1 and 2 alternating from the right
 * (国税庁, 法人番号の指定等に関する省令 第2条).
 *
 * @example
 * corporateNumberCheckDigit("000012050002") // 7 (国税庁 itself is 7000012050002)
 */
export function corporateNumberCheckDigit(base12: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base12[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/**
 * Reads a 法人番号 as people write it (full-width digits, hyphens or spaces between groups) and
 * returns the 13 digits, or why it is not one.
 *
 * @example
 * parseCorporateNumber("７０００−０１２０−５０００２") // { ok: true, value: "7000012050002" }
 * parseCorporateNumber("1000012050002") // { ok: false, error: "check digit is wrong (expected 7)" }
 */
export function parseCorporateNumber(
  text: string,
): { ok: true; value: string } | { ok: false; error: string } {
  const digits = text.normalize("NFKC").replace(/[\s\-‐−ー]/gu, "");
  if (!/^\d{13}$/.test(digits)) return { ok: false, error: "must be 13 digits (法人番号)" };
  const expected = corporateNumberCheckDigit(digits.slice(1));
  if (Number(digits[0]) !== expected)
    return { ok: false, error: `check digit is wrong (expected ${expected})` };
  return { ok: true, value: digits };
}

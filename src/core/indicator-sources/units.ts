/** Multiples of the yen a plan writes its amounts in (認定計画の投資額 約4.26億円). */
const YEN: Record<string, number> = { 円: 1, 千円: 1e3, 万円: 1e4, 百万円: 1e6, 億円: 1e8 };

/**
 * The factor that turns a figure in `from` into one in `to`, or null when the units do not
 * measure the same thing. Equal units give 1; yen sums convert to the plan's 千円, 万円, 億円.
 *
 * @example
 * unitFactor("円", "億円") // 1e-8
 */
export function unitFactor(from: string, to: string): number | null {
  if (from === to) return 1;
  const a = YEN[from];
  const b = YEN[to];
  return a !== undefined && b !== undefined ? a / b : null;
}

/** A converted figure, rounded so that 425,800,000 円 reads 4.258 億円, not 4.258000000000001. */
export function convertValue(value: number, factor: number): number {
  return factor === 1 ? value : Number((value * factor).toPrecision(12));
}

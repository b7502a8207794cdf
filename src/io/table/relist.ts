import { normalizeForSearch } from "../../core/search/normalize.js";

/** What relist resolution needs to know of an action. */
export interface RelistCandidate {
  number: number;
  name: string;
  description: string;
  startFiscalYear: number | null;
  labels: readonly string[];
  relist: boolean;
}

export interface RelistMatch {
  number: number;
  /** Why this action, for the data's `recovered` note (Japanese: 説明が同じ、開始年が同じ). */
  evidence: string;
}

function bigrams(text: string): Set<string> {
  const s = normalizeForSearch(text);
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || a.length !== b.length) return false;
  const sa = [...a].sort().join("|");
  return sa === [...b].sort().join("|");
}

/** Names compared without their 【tags】 and spacing. */
export function baseName(name: string): string {
  return normalizeForSearch(name.replace(/【[^【】]*】/gu, ""));
}

/**
 * Finds the earlier action a 再掲 row repeats: the one with the same name (tags aside) or, when the
 * name cell was lost, the one whose description, start year and schedule it repeats. Returns null
 * unless one candidate clearly stands out.
 */
export function findRelisted(row: RelistCandidate, earlier: readonly RelistCandidate[]): RelistMatch | null {
  const candidates = earlier.filter((c) => !c.relist && c.number < row.number);
  if (row.name !== "") {
    const key = baseName(row.name);
    const same = candidates.filter((c) => baseName(c.name) === key);
    if (same.length === 1) return { number: same[0]!.number, evidence: "名称が同じ" };
  }
  const mine = bigrams(row.description);
  const scored = candidates
    .map((c) => {
      const description = dice(mine, bigrams(c.description));
      const start = row.startFiscalYear !== null && row.startFiscalYear === c.startFiscalYear;
      const labels = sameLabels(row.labels, c.labels);
      return { c, description, start, labels, score: description + (start ? 0.3 : 0) + (labels ? 0.3 : 0) };
    })
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  const second = scored[1];
  if (!best || best.score < 0.5 || (second && best.score - second.score < 0.2)) return null;
  const reasons = [
    best.description >= 0.5 ? "説明が同じ" : `説明の語句が一部共通（${Math.round(best.description * 100)}%）`,
    ...(best.start ? ["開始年が同じ"] : []),
    ...(best.labels ? ["スケジュールの表記が同じ"] : []),
  ];
  return { number: best.c.number, evidence: reasons.join("、") };
}

import { normalizeForSearch, searchTerms } from "../../../core/search/normalize.js";

export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * The text normalized the way search normalizes it, with the position in the original text of
 * every normalized code unit, so a match found in normalized form can be marked in the original.
 */
function normalizedWithMap(text: string): { norm: string; start: number[]; end: number[] } {
  let norm = "";
  const start: number[] = [];
  const end: number[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    const n = normalizeForSearch(ch);
    for (let k = 0; k < n.length; k++) {
      start.push(i);
      end.push(i + ch.length);
    }
    norm += n;
    i += ch.length;
  }
  return { norm, start, end };
}

/** Ranges [from, to) of the original text where any term occurs, merged and in order. */
export function matchRanges(text: string, terms: readonly string[]): [number, number][] {
  const { norm, start, end } = normalizedWithMap(text);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (term === "") continue;
    let at = norm.indexOf(term);
    while (at >= 0) {
      ranges.push([start[at]!, end[at + term.length - 1]!]);
      at = norm.indexOf(term, at + term.length);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * A short excerpt of `text` around the first place a search term occurs, split into plain and
 * marked segments (rendered as text and <mark>, never as HTML). Null when no term occurs.
 *
 * @example
 * excerpt("溶接技術の継承と人材育成", "溶接")
 * // [{ text: "溶接", mark: true }, { text: "技術の継承と人材育成", mark: false }]
 */
export function excerpt(text: string, query: string, before = 30, after = 90): Segment[] | null {
  const ranges = matchRanges(text, searchTerms(query));
  const first = ranges[0];
  if (!first) return null;
  const from = Math.max(0, first[0] - before);
  const to = Math.min(text.length, first[1] + after);
  const segments: Segment[] = [];
  if (from > 0) segments.push({ text: "…", mark: false });
  let cursor = from;
  for (const [s, e] of ranges) {
    if (e <= from || s >= to) continue;
    const ms = Math.max(s, from);
    const me = Math.min(e, to);
    if (ms > cursor) segments.push({ text: text.slice(cursor, ms), mark: false });
    segments.push({ text: text.slice(ms, me), mark: true });
    cursor = me;
  }
  if (cursor < to) segments.push({ text: text.slice(cursor, to), mark: false });
  if (to < text.length) segments.push({ text: "…", mark: false });
  return segments;
}

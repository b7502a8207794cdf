import type { Measure, Strategy } from "../../core/plan/plan.schema.js";

/**
 * The strategy (基本戦略) and measure (具体的施策) cells of the table: 「(1) イノベーション
 * (Change・Chance・Challenge)」 and 「① デジタル化 (DX) への対応・活用 (P48)」, one part a line.
 */

const CIRCLED: [number, number, number][] = [
  [1, 20, 0x2460],
  [21, 35, 0x3251],
  [36, 50, 0x32b1],
];

/** 1 → ①, 21 → ㉑; past 50, (51). */
export function circled(n: number): string {
  for (const [from, to, base] of CIRCLED) {
    if (n >= from && n <= to) return String.fromCodePoint(base + n - from);
  }
  return `(${n})`;
}

function uncircled(mark: string): number | null {
  const cp = mark.codePointAt(0)!;
  for (const [from, to, base] of CIRCLED) {
    if (cp >= base && cp <= base + to - from) return from + cp - base;
  }
  const m = /^[(（](\d+)[)）]$/u.exec(mark);
  return m ? Number(m[1]) : null;
}

/** @example renderStrategyCell(1, strategy) // "(1)\nイノベーション\n(Change・Chance・Challenge)" */
export function renderStrategyCell(position: number, s: Pick<Strategy, "name" | "subtitle">): string {
  return [`(${position})`, s.name, ...(s.subtitle !== "" ? [`(${s.subtitle})`] : [])].join("\n");
}

export interface ShownStrategy {
  position: number;
  name: string;
  subtitle: string;
}

export function parseStrategyCell(cell: string): ShownStrategy | null {
  const text = cell.trim();
  const m = /^[(（]\s*(\d+)\s*[)）]\s*([\s\S]*)$/u.exec(text);
  if (!m) return null;
  let rest = m[2]!.trim();
  let subtitle = "";
  const sub = /[(（]([^()（）]*)[)）]$/u.exec(rest);
  if (sub && sub.index > 0) {
    subtitle = sub[1]!.trim();
    rest = rest.slice(0, sub.index).trim();
  }
  if (rest === "") return null;
  return { position: Number(m[1]), name: rest, subtitle };
}

/** @example renderMeasureCell(1, measure) // "①\nデジタル化 (DX) への対応・活用\n(P48)" */
export function renderMeasureCell(position: number, m: Pick<Measure, "name" | "page">): string {
  return [circled(position), m.name, ...(m.page !== null ? [`(P${m.page})`] : [])].join("\n");
}

export interface ShownMeasure {
  position: number | null;
  name: string;
  page: number | null;
}

export function parseMeasureCell(cell: string): ShownMeasure | null {
  let text = cell.trim();
  if (text === "") return null;
  let position: number | null = null;
  const lead = /^([\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]|[(（]\d+[)）])\s*/u.exec(text);
  if (lead) {
    position = uncircled(lead[1]!);
    text = text.slice(lead[0].length);
  }
  let page: number | null = null;
  const p = /\s*[(（]\s*P\.?\s*(\d{1,5})\s*[)）]$/iu.exec(text);
  if (p) {
    page = Number(p[1]);
    text = text.slice(0, p.index);
  }
  const name = text.trim();
  return name === "" ? null : { position, name, page };
}

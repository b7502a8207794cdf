import { parseFiscalYear } from "../../core/fiscal/index.js";

/**
 * Recognising the cells of a city's action-plan table by their content, since extracted and
 * pasted tables shift cells left and right (see data/sources/kadoma/README.md).
 */

const CJK = "\\u3005\\u3040-\\u30ff\\u3400-\\u9fff\\uf900-\\ufaff\\uff66-\\uff9f";
const SPLIT_BETWEEN_CJK = new RegExp(`([${CJK}])\\s+(?=[${CJK}])`, "gu");
const SPLIT_CJK_LATIN = new RegExp(`([${CJK}])\\s+(?=[A-Za-z])`, "gu");

/** Trims and collapses runs of whitespace; keeps single spaces, which mark the source's line breaks. */
export function cleanText(text: string): string {
  return text.replace(/[\s\u3000]+/gu, " ").trim();
}

/**
 * Joins words a line break split inside a short cell (「準 則」→「準則」). Used for names,
 * measure names and schedule labels, never for long texts, where a space may separate two items.
 */
export function joinSplitWords(text: string): string {
  return cleanText(text).replace(SPLIT_BETWEEN_CJK, "$1").replace(SPLIT_CJK_LATIN, "$1");
}

export function isEmpty(cell: string | undefined): boolean {
  return cell === undefined || cell.trim() === "";
}

/** — or - alone: the table's way of saying "nothing". */
export function isDash(cell: string): boolean {
  return /^[—–\-ー－―]$/u.test(cell.trim());
}

export function isRowNumber(cell: string): boolean {
  return /^\d{1,5}$/.test(cell.trim());
}

export type NewFlag = "existing" | "new";

export function newFlag(cell: string): NewFlag | null {
  const c = cell.trim();
  if (c === "既存") return "existing";
  if (c === "新規") return "new";
  return null;
}

/** ◎, 再掲, or both in one cell. */
export function marks(cell: string): { priority: boolean; relist: boolean } | null {
  const c = cell.replace(/\s+/g, "");
  if (!/^(◎|再掲|（再掲）|\(再掲\))+$/u.test(c)) return null;
  return { priority: c.includes("◎"), relist: c.includes("再掲") };
}

export interface StrategyCell {
  number: number;
  name: string;
  subtitle: string;
  /** A measure name printed in the same cell (the cell merged with the measure beside it). */
  rest: string;
}

/** (1) イノベーション (Change・Chance・Challenge) */
export function strategyCell(cell: string): StrategyCell | null {
  const m = /^[(（](\d+)[)）]\s*(.+?)\s*[(（]([^()（）]+)[)）]\s*(.*)$/su.exec(cleanText(cell));
  if (!m) return null;
  return {
    number: Number(m[1]),
    name: joinSplitWords(m[2]!),
    subtitle: cleanText(m[3]!),
    rest: m[4]!.trim(),
  };
}

export interface MeasureCell {
  /** ① → 1; null when the cell shows no circled number. */
  index: number | null;
  name: string;
  page: number | null;
}

/** ① デジタル化 (DX) への対応・活用 (P48) */
export function measureCell(cell: string, requireCircled = true): MeasureCell | null {
  const text = cleanText(cell);
  const m = /^([\u2460-\u2473])?\s*(.+?)\s*(?:[(（]\s*P\.?\s*(\d+)\s*[)）])?$/su.exec(text);
  if (!m || (requireCircled && !m[1])) return null;
  if (!m[1] && !m[3]) return null;
  return {
    index: m[1] ? m[1].codePointAt(0)! - 0x2460 + 1 : null,
    name: joinSplitWords(m[2]!),
    page: m[3] ? Number(m[3]) : null,
  };
}

/** 平成30年度 / 令和元年度 / — : the start-year cell. Returns undefined when the cell is not one. */
export function startYearCell(cell: string): { year: number | null; error?: string } | undefined {
  const c = cell.trim();
  if (c === "" || isDash(c)) return { year: null };
  if (!/^(明治|大正|昭和|平成|令和|[MTSHR]\.?\s*\d|\d{4})/u.test(c.normalize("NFKC")) || !/年度?$/u.test(c)) {
    return undefined;
  }
  const parsed = parseFiscalYear(c);
  return parsed.ok ? { year: parsed.value } : { year: null, error: parsed.error };
}

/** Bullets that start a challenge item: ・ or ● at the start or after a space. */
export function splitBullets(text: string): string[] {
  const cleaned = cleanText(text);
  if (cleaned === "" || isDash(cleaned)) return [];
  return cleaned
    .split(/(?:^|\s+)[・●]/u)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export interface DescriptionPart {
  kind: "ongoing" | "planned";
  text: string;
  /** True when the text had no ●/○ and the kind is a guess. */
  unmarked?: boolean;
}

/** ● items are under way, ○ items are still to come. */
export function splitDescription(text: string): DescriptionPart[] {
  const cleaned = cleanText(text);
  if (cleaned === "" || isDash(cleaned)) return [];
  const parts: DescriptionPart[] = [];
  const re = /(?:^|\s+)([●○])/gu;
  const starts: { index: number; marker: string; end: number }[] = [];
  for (let m = re.exec(cleaned); m; m = re.exec(cleaned)) {
    starts.push({ index: m.index, marker: m[1]!, end: m.index + m[0].length });
  }
  const lead = cleaned.slice(0, starts[0]?.index ?? cleaned.length).trim();
  if (lead !== "") parts.push({ kind: "ongoing", text: lead, unmarked: true });
  starts.forEach((s, i) => {
    const body = cleaned.slice(s.end, starts[i + 1]?.index ?? cleaned.length).trim();
    if (body !== "") parts.push({ kind: s.marker === "●" ? "ongoing" : "planned", text: body });
  });
  return parts;
}

/** Trailing 【DX】【GX】 tags of an action name. */
export function splitTags(name: string): { name: string; tags: string[] } {
  const tags: string[] = [];
  let rest = joinSplitWords(name);
  for (let m = /【([^【】]+)】\s*$/u.exec(rest); m; m = /【([^【】]+)】\s*$/u.exec(rest)) {
    tags.unshift(joinSplitWords(m[1]!));
    rest = rest.slice(0, m.index).trim();
  }
  return { name: rest, tags };
}

/** A schedule cell: → marks a label that runs on; spaces inside are line breaks. */
export function scheduleLabel(cell: string): string {
  return cell.replace(/[→⇒]/gu, "").replace(/\s+/gu, "").trim();
}

/** A cell that reads like a list of challenges rather than a schedule label. */
export function looksLikeChallenges(cell: string): boolean {
  const c = cell.trim();
  return /^[・●]/u.test(c) || c.length > 40;
}

/** 「12行目」: how the data's recovered notes name a line of the source (people read them on the pages). */
export const defaultNotePlace = (line: number): string => `${line}行目`;

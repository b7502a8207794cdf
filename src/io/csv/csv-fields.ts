import { parseFiscalYear, parseJapaneseDate, type YearBounds } from "../../core/fiscal/index.js";
import type { ParseResult } from "../../core/fiscal/index.js";

/** Scalar cells of the CSV: flags, numbers, years and dates, read leniently and reported clearly. */

export function parseFlag(text: string): ParseResult<boolean> {
  const t = text.trim().toLowerCase();
  if (t === "新規" || t === "new" || t === "true" || t === "1") return { ok: true, value: true };
  if (t === "既存" || t === "existing" || t === "false" || t === "0" || t === "")
    return { ok: true, value: false };
  return { ok: false, error: `"${text}" is not 既存 or 新規` };
}

export function parsePriority(text: string): ParseResult<boolean> {
  const t = text.trim().toLowerCase();
  if (["◎", "○", "〇", "重点", "true", "1", "yes"].includes(t)) return { ok: true, value: true };
  if (["", "false", "0", "no", "-", "—"].includes(t)) return { ok: true, value: false };
  return { ok: false, error: `"${text}" is not ◎ (priority) or empty` };
}

export function parseWhole(text: string, what: string): ParseResult<number | null> {
  const t = text.trim().normalize("NFKC");
  if (t === "") return { ok: true, value: null };
  if (!/^\d{1,7}$/u.test(t) || Number(t) < 1) return { ok: false, error: `"${text}" is not ${what}` };
  return { ok: true, value: Number(t) };
}

export function parseYear(text: string, bounds: YearBounds): ParseResult<number | null> {
  const t = text.trim();
  if (t === "" || /^[—–\-ー－―]$/u.test(t)) return { ok: true, value: null };
  return parseFiscalYear(t, bounds);
}

export function parseDate(text: string): ParseResult<string | null> {
  const t = text.trim();
  return t === "" ? { ok: true, value: null } : parseJapaneseDate(t);
}

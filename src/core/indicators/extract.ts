import { fiscalYearOf, parseFiscalYear, parseJapaneseDate } from "../fiscal/index.js";

/**
 * Reading indicator values out of the text a city already writes: 【令和6年度 13件認定(投資額計約4.26億円)】,
 * ・101社が加入。, 【会員大会・定例会平均参加率：9.7%】. Each number with a unit becomes a proposal that a
 * person accepts, edits or rejects; nothing is taken as an indicator without that.
 */
export interface ValueProposal {
  /** Stable id: action, record kind, record year, offset of the number in the text. */
  id: string;
  actionNumber: number;
  record: { fiscalYear: number; kind: "baseline" | "result" };
  value: number;
  unit: string;
  /** The fiscal year the value describes: from an era year or date beside it, else the record's year. */
  fiscalYear: number;
  /** Words before and after the number within its clause, e.g. 総来場者数 / 認定. */
  before: string;
  after: string;
  /** The clause (a 【】 bracket, or a sentence) the number stands in. */
  excerpt: string;
  /** Offset of the number in the record text. */
  offset: number;
}

export const UNITS = [
  "億円",
  "万円",
  "千円",
  "円",
  "件",
  "社",
  "者",
  "名",
  "人",
  "%",
  "回",
  "校",
  "機関",
  "団体",
  "か所",
  "箇所",
] as const;

// 約, then digits with thousands separators and decimals, then a unit.
const NUMBER = new RegExp(`(約)?(\\d[\\d,]*(?:\\.\\d+)?)\\s*(${UNITS.join("|")})`, "gu");
// Numbers that are dates, durations or names rather than quantities.
const NOT_A_QUANTITY = /^(年度?|月|日|面|倍|時間|年間)/u;
// 年2回, 月1回, 原則毎月1回: a frequency, not a count of the year.
const FREQUENCY = /(年|月|毎月|週|毎週)$/u;

interface Clause {
  start: number;
  end: number;
  text: string;
}

/**
 * 【…】 brackets, then sentences, bullets (・ □ ○ ●) and line breaks split the rest. A sentence
 * keeps the parenthesis that follows its 。 (…の開催。(3回)), which belongs to it.
 */
function clauses(text: string): Clause[] {
  const out: Clause[] = [];
  const re = /【[^【】]*】|(?:[^。・□○●【\n]|。(?=\())+。?/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].trim() !== "") out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

const UNIT_ALTERNATION = UNITS.join("|");
const DATE_WORDS = /(令和|平成)(元|\d+)年(\d+月)?(末)?(度)?(末)?(現在|まで|時点)?/gu;
const EARLIER_QUANTITY = new RegExp(`^.*\\d[\\d,]*(?:\\.\\d+)?\\s*(?:${UNIT_ALTERNATION})\\S*\\s+`, "su");

/** The words that name a number: back from it to the clause's last delimiter or earlier quantity. */
function wordsBefore(text: string): string {
  const cut = text
    .replace(DATE_WORDS, "")
    .replace(/[（(:：]\s*$/u, "") // 開催。(3回), 参加率:9.7%: the name is before the parenthesis or colon
    .replace(/。\s*$/u, "")
    .replace(EARLIER_QUANTITY, "")
    .replace(/^.*(?:[、，：:／/（(。]|,(?!\d))/su, "")
    .replace(/約$/u, "");
  return trimContext(cut);
}

/** The fiscal year a clause speaks of: 令和6年度 → 2024, 令和6年3月末現在 → FY 2023. */
function yearOfClause(text: string): number | null {
  const date = /(令和|平成)(元|\d+)年(\d+)月(末|\d+日)?/u.exec(text);
  const year = /(令和|平成)(元|\d+)年度/u.exec(text);
  if (year && (!date || year.index <= date.index)) {
    const fy = parseFiscalYear(year[0]);
    if (fy.ok) return fy.value;
  }
  if (date) {
    const parsed = parseJapaneseDate(
      `${date[1]}${date[2]}年${date[3]}月${date[4] === undefined ? "末" : date[4]}`,
    );
    if (parsed.ok) return fiscalYearOf(parsed.value);
  }
  return null;
}

function trimContext(s: string): string {
  return s
    .replace(/^[\s、，,：:／/（(【）)】・]+/u, "")
    .replace(/[\s、，,：:／/（(【）)】]+$/u, "")
    .trim();
}

/**
 * Proposes indicator values from one record's text.
 *
 * @example
 * proposeValues("【令和6年度 13件認定(投資額計約4.26億円)】", { actionNumber: 1, fiscalYear: 2024, kind: "result" })
 * // → 13 件 (before "", after "認定") and 4.26 億円 (before "投資額計"), both FY 2024
 */
export function proposeValues(
  text: string,
  record: { actionNumber: number; fiscalYear: number; kind: "baseline" | "result" },
): ValueProposal[] {
  const normalized = text.normalize("NFKC");
  const out: ValueProposal[] = [];
  for (const clause of clauses(normalized)) {
    const clauseYear = yearOfClause(clause.text);
    NUMBER.lastIndex = 0;
    for (let m = NUMBER.exec(clause.text); m; m = NUMBER.exec(clause.text)) {
      const afterText = clause.text.slice(m.index + m[0].length);
      const beforeText = clause.text.slice(0, m.index);
      // 令和5年度 17件: the digits right after an era word belong to the date, not a quantity.
      if (/(令和|平成|昭和)$/u.test(beforeText) || NOT_A_QUANTITY.test(afterText)) continue;
      if (m[3] === "回" && FREQUENCY.test(beforeText)) continue;
      const value = Number(m[2]!.replace(/,/g, ""));
      if (!Number.isFinite(value)) continue;
      const before = wordsBefore(beforeText);
      const after = trimContext(
        afterText.replace(/[、，,：:／/（(）)。].*$/su, "").replace(/\s*\d.*$/su, ""),
      );
      const offset = clause.start + m.index + (m[1] ? m[1].length : 0);
      out.push({
        id: `${record.actionNumber}:${record.kind}:${record.fiscalYear}:${offset}`,
        actionNumber: record.actionNumber,
        record: { fiscalYear: record.fiscalYear, kind: record.kind },
        value,
        unit: m[3]!,
        fiscalYear: clauseYear ?? record.fiscalYear,
        before,
        after,
        excerpt: clause.text.trim(),
        offset,
      });
    }
  }
  return out;
}

/** Proposals for every record of every action of a plan, in plan order. */
export function proposePlanValues(
  actions: readonly {
    number: number;
    records: readonly { fiscalYear: number; kind: "baseline" | "result"; text: string }[];
  }[],
): ValueProposal[] {
  return actions.flatMap((a) =>
    a.records.flatMap((r) =>
      proposeValues(r.text, { actionNumber: a.number, fiscalYear: r.fiscalYear, kind: r.kind }),
    ),
  );
}

/**
 * The columns of the CSV download, one row per action (documented in docs/import-export.md).
 * Plan, strategy and measure columns repeat on every row, as Japan's standard open-data sets do,
 * so each row stands alone and the file alone is the whole plan. Import also accepts the English
 * keys as headers.
 */
export const CSV_COLUMNS = [
  { key: "plan_id", header: "計画ID" },
  { key: "municipality", header: "地方公共団体名" },
  { key: "municipality_code", header: "全国地方公共団体コード" },
  { key: "prefecture", header: "都道府県名" },
  { key: "plan_title", header: "計画名" },
  { key: "plan_from", header: "計画開始年度" },
  { key: "plan_to", header: "計画終了年度" },
  { key: "plan_as_of", header: "時点" },
  { key: "plan_source", header: "出典" },
  { key: "plan_license_id", header: "ライセンスID" },
  { key: "plan_license", header: "ライセンス" },
  { key: "plan_license_url", header: "ライセンスURL" },
  { key: "plan_license_note", header: "ライセンス注記" },
  { key: "strategy_code", header: "基本戦略コード" },
  { key: "strategy", header: "基本戦略" },
  { key: "strategy_subtitle", header: "基本戦略副題" },
  { key: "measure_code", header: "具体的施策コード" },
  { key: "measure", header: "具体的施策" },
  { key: "measure_page", header: "掲載ページ" },
  { key: "number", header: "番号" },
  { key: "name", header: "具体的アクション" },
  { key: "tags", header: "タグ" },
  { key: "is_new", header: "既存/新規" },
  { key: "is_priority", header: "重点" },
  { key: "relist_of", header: "再掲元" },
  { key: "description", header: "説明" },
  { key: "start_fiscal_year", header: "開始年度" },
  { key: "schedule", header: "スケジュール" },
  { key: "records", header: "現状・実績" },
  { key: "challenges", header: "課題・取り組むべきこと" },
  { key: "indicators", header: "指標" },
  { key: "evaluations", header: "評価" },
  { key: "recovered", header: "復元メモ" },
] as const;

export type CsvKey = (typeof CSV_COLUMNS)[number]["key"];

/** Columns a file must have; the plan-level ones may be left out when importing into an existing plan. */
export const REQUIRED_KEYS: readonly CsvKey[] = ["number", "name", "measure_code"];

/** Header text (Japanese or the English key, any width and case) → key. */
export function keyOfHeader(header: string): CsvKey | undefined {
  const h = header.normalize("NFKC").replace(/\s+/gu, "").toLowerCase();
  return CSV_COLUMNS.find((c) => c.key === h || c.header.normalize("NFKC").toLowerCase() === h)?.key;
}

export function headerOf(key: CsvKey): string {
  return CSV_COLUMNS.find((c) => c.key === key)!.header;
}

/**
 * Spreadsheet programs run a cell that starts with = + - @ as a formula. Such cells are written with
 * a leading apostrophe (which Excel hides) and read back without it, so the text survives both ways.
 */
const ACTIVE = /^'*[=+\-@\t\r]/u;

export function protectCell(text: string): string {
  return ACTIVE.test(text) ? `'${text}` : text;
}

export function unprotectCell(text: string): string {
  return text.startsWith("'") && ACTIVE.test(text) ? text.slice(1) : text;
}

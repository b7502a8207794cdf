import { z } from "zod";
import type { Issue } from "../../core/errors.js";
import { DEFAULT_SCALES } from "../../core/review/scales.js";
import { toIssues } from "../../core/validation.js";
import {
  recoveredSchema,
  PLAN_FORMAT,
  type Action,
  type Measure,
  type PlanDocument,
  type PlanMeta,
  type Strategy,
} from "../../core/plan/plan.schema.js";
import { CHALLENGES, DESCRIPTION, parseMarkedList } from "../cells/marked-list.js";
import { parseEvaluations } from "../cells/evaluations-cell.js";
import { parseIndicators } from "../cells/indicators-cell.js";
import { parseRecords } from "../cells/records-cell.js";
import { parseSchedule } from "../cells/schedule-cell.js";
import { parseTags } from "../cells/tags.js";
import type { ImportDraft, ProgressListener } from "../import/import-types.js";
import { decodeText } from "../text/text-encoding.js";
import { columnLetter } from "../xlsx/xlsx-layout.js";
import { grouped, IMPORT_LIMITS, overLimit } from "../import/import-limits.js";
import { readTextTable } from "../table/text-table.js";
import { readDelimited, TooManyRecords, type DelimitedText } from "../text/delimited.js";
import { codePoint, CONTROL_CHARACTER } from "../xlsx/xlsx-read.js";
import { headerOf, keyOfHeader, REQUIRED_KEYS, unprotectCell, type CsvKey } from "./csv-columns.js";
import { parseDate, parseFlag, parsePriority, parseWhole, parseYear } from "./csv-fields.js";
import { csvLocator } from "./csv-locate.js";
import { recoverMeasureCodes } from "./measure-codes.js";

/** A cell holding JSON (指標, 評価, 復元メモ): empty is an empty list. */
function jsonCell<T>(text: string, schema: z.ZodType<T[]>, fail: (message: string) => void): T[] {
  if (text === "") return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    fail("is not valid JSON");
    return [];
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of toIssues(result.error)) fail(`${issue.path}: ${issue.message}`);
  return [];
}

const PLAN_KEYS = [
  "plan_id",
  "municipality",
  "municipality_code",
  "prefecture",
  "plan_title",
  "plan_from",
  "plan_to",
  "plan_as_of",
  "plan_source",
  "plan_license_id",
  "plan_license",
  "plan_license_url",
  "plan_license_note",
] as const;

/**
 * Reads the CSV (UTF-8 or Shift_JIS, told apart by the bytes) into a plan draft. Errors name the
 * row as a spreadsheet shows it (the header is row 1) and the column.
 *
 * @example
 * const draft = importCsv(bytes, "plan.csv");
 */
export function importCsv(bytes: Uint8Array, source: string, onProgress?: ProgressListener): ImportDraft {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const { text, encoding } = decodeText(bytes, source, { nulInCells: true });
  const draft = (document: PlanDocument | null, extra: Partial<ImportDraft> = {}): ImportDraft => ({
    format: "csv",
    document,
    missingMeta: [],
    errors,
    warnings,
    encoding,
    ...extra,
  });
  let tokens: DelimitedText;
  try {
    tokens = readDelimited(text, { separator: ",", maxRecords: IMPORT_LIMITS.rows });
  } catch (error) {
    if (!(error instanceof TooManyRecords)) throw error;
    const limit = grouped(IMPORT_LIMITS.rows);
    throw overLimit(
      source,
      `${source}, line ${error.line}`,
      `more than ${limit} rows; an import reads at most ${limit} rows`,
    );
  }
  const records = tokens.records.filter((r) => !(r.cells.length === 1 && r.cells[0] === ""));
  const head = records[0];
  if (!head) {
    errors.push({ path: `${source}, row 1`, message: "the file is empty" });
    return draft(null);
  }
  // Not the one-row-per-action header: the official table saved as CSV, read as its sheet is.
  if (!REQUIRED_KEYS.every((k) => head.cells.some((h) => keyOfHeader(h) === k))) {
    const table = readTextTable(tokens, { source, format: "csv" });
    if (table) return { ...table, encoding };
  }
  const problem = tokens.problems[0];
  if (problem) {
    errors.push({
      path: `${source}, line ${problem.line}, column ${columnLetter(problem.column)}`,
      message: problem.message,
    });
    return draft(null);
  }
  records.forEach((record, index) =>
    record.cells.forEach((cell, c) => {
      const control = CONTROL_CHARACTER.exec(cell);
      if (!control) return;
      const name = index === 0 ? "" : (head.cells[c] ?? "").trim();
      errors.push({
        path: `row ${index + 1}, column ${columnLetter(c)}${name ? ` (${name})` : ""}`,
        message: `the cell holds a control character (${codePoint(control[0])}), which a plan cannot keep; remove it`,
      });
    }),
  );
  if (errors.length > 0) return draft(null);
  const columnOf = new Map<CsvKey, number>();
  head.cells.forEach((h, i) => {
    const key = keyOfHeader(h);
    if (!key) {
      if (h.trim() !== "")
        warnings.push({
          path: `row 1, column ${columnLetter(i)}`,
          message: `unknown column "${h.trim()}"; ignored`,
        });
    } else if (columnOf.has(key))
      errors.push({
        path: `row 1, column ${columnLetter(i)}`,
        message: `the column ${headerOf(key)} appears twice`,
      });
    else columnOf.set(key, i);
  });
  const missing = REQUIRED_KEYS.filter((k) => !columnOf.has(k));
  if (missing.length > 0) {
    errors.push({
      path: "row 1",
      message: `no header row with the columns ${missing.map(headerOf).join(", ")} (the first row must name the columns)`,
    });
    return draft(null);
  }
  const place = (row: number, key?: CsvKey) => {
    const c = key === undefined ? undefined : columnOf.get(key);
    return c === undefined ? `row ${row}` : `row ${row}, column ${columnLetter(c)} (${headerOf(key!)})`;
  };

  const body = records.slice(1);
  const first = body[0];
  const cellOf = (cells: readonly string[], key: CsvKey) => {
    const c = columnOf.get(key);
    return c === undefined ? "" : unprotectCell(cells[c] ?? "").trim();
  };
  const planValue = (key: (typeof PLAN_KEYS)[number]) => (first ? cellOf(first.cells, key) : "");
  const fromYear = parseYear(planValue("plan_from"), { min: 1989 });
  const toYear = parseYear(planValue("plan_to"), { min: 1989 });
  const startYear = { min: fromYear.ok && (fromYear.value ?? 2000) < 2000 ? 1868 : 1989 };
  const asOf = parseDate(planValue("plan_as_of"));
  for (const [key, r] of [
    ["plan_from", fromYear],
    ["plan_to", toYear],
    ["plan_as_of", asOf],
  ] as const) {
    if (!r.ok) errors.push({ path: place(2, key), message: r.error });
  }

  const strategies: Strategy[] = [];
  const measures: Measure[] = [];
  const actions: Action[] = [];
  const rowOfAction: number[] = [];
  const seen = new Map<number, number>();
  const measureCodes = recoverMeasureCodes(
    body.map((record, index) => ({
      row: index + 2,
      code: cellOf(record.cells, "measure_code"),
      strategy: cellOf(record.cells, "strategy_code"),
      measure: cellOf(record.cells, "measure"),
    })),
    (row) => place(row, "measure_code"),
  );
  errors.push(...measureCodes.errors);
  warnings.push(...measureCodes.warnings);
  body.forEach((record, index) => {
    const row = index + 2;
    if (onProgress && index % 500 === 0) onProgress("reading rows", index, body.length);
    const get = (key: CsvKey) => cellOf(record.cells, key);
    const fail = (key: CsvKey, message: string) => errors.push({ path: place(row, key), message });
    for (const key of PLAN_KEYS) {
      if (columnOf.has(key) && get(key) !== planValue(key))
        fail(key, `differs from row 2 ("${planValue(key)}"); every row must name the same plan`);
    }
    const number = parseWhole(get("number"), "an action number");
    if (!number.ok || number.value === null)
      return void fail("number", number.ok ? "the action number is missing" : number.error);
    const earlier = seen.get(number.value);
    if (earlier !== undefined) fail("number", `action number ${number.value} repeats row ${earlier}`);
    seen.set(number.value, row);

    const strategyCode = get("strategy_code");
    const measureCode = measureCodes.codes[index]!;
    if (strategyCode !== "" && !strategies.some((s) => s.code === strategyCode)) {
      strategies.push({ code: strategyCode, name: get("strategy"), subtitle: get("strategy_subtitle") });
    }
    const page = parseWhole(get("measure_page"), "a page number");
    if (!page.ok) fail("measure_page", page.error);
    const known = measures.find((m) => m.code === measureCode);
    if (measureCode !== "" && !known) {
      measures.push({
        code: measureCode,
        strategy: strategyCode,
        name: get("measure"),
        page: page.ok ? page.value : null,
      });
    } else if (known && columnOf.has("measure") && known.name !== get("measure")) {
      fail("measure", `measure ${measureCode} is named "${known.name}" on an earlier row`);
    }

    const flag = parseFlag(get("is_new"));
    if (!flag.ok) fail("is_new", flag.error);
    const priority = parsePriority(get("is_priority"));
    if (!priority.ok) fail("is_priority", priority.error);
    const relist = parseWhole(get("relist_of"), "an action number");
    if (!relist.ok) fail("relist_of", relist.error);
    const start = parseYear(get("start_fiscal_year"), startYear);
    if (!start.ok) fail("start_fiscal_year", start.error);
    const tags = parseTags(get("tags"));
    if (tags === null) fail("tags", "tags must be written as 【DX】【GX】 (or DX, GX)");
    const schedule = parseSchedule(get("schedule"), { min: 1989 });
    if (!schedule.ok) schedule.errors.forEach((e) => fail("schedule", e));
    const recordList = parseRecords(get("records"), { min: 1989 });
    if (!recordList.ok) recordList.errors.forEach((e) => fail("records", e));
    const description = parseMarkedList(get("description"), DESCRIPTION);
    if (description.unmarked !== "") {
      description.items.unshift({ kind: "ongoing", text: description.unmarked });
      warnings.push({
        path: place(row, "description"),
        message: "text without ● or ○ at its start; taken as under way (●)",
      });
    }
    const challenges = parseMarkedList(get("challenges"), CHALLENGES);
    const recovered = jsonCell(get("recovered"), z.array(recoveredSchema), (m) => fail("recovered", m));
    const indicatorList = parseIndicators(get("indicators"));
    if (!indicatorList.ok) indicatorList.errors.forEach((e) => fail("indicators", e));
    const indicators = indicatorList.ok ? indicatorList.value : [];
    const evaluationList = parseEvaluations(get("evaluations"));
    if (!evaluationList.ok) evaluationList.errors.forEach((e) => fail("evaluations", e));
    const evaluations = evaluationList.ok ? evaluationList.value : [];
    actions.push({
      number: number.value,
      measure: measureCode,
      name: get("name"),
      tags: tags ?? [],
      isNew: flag.ok && flag.value,
      isPriority: priority.ok && priority.value,
      relistOf: relist.ok ? relist.value : null,
      description: description.items,
      startFiscalYear: start.ok ? start.value : null,
      schedule: schedule.ok ? schedule.value : [],
      records: recordList.ok ? recordList.value : [],
      challenges: [
        ...(challenges.unmarked !== "" ? [challenges.unmarked] : []),
        ...challenges.items.map((x) => x.text),
      ],
      indicators,
      evaluations,
      recovered,
    });
    rowOfAction.push(row);
  });
  if (body.length === 0) errors.push({ path: "row 2", message: "the file has a header but no action rows" });

  const missingMeta: (keyof PlanMeta)[] = [];
  const optional = (key: (typeof PLAN_KEYS)[number]) => (planValue(key) === "" ? undefined : planValue(key));
  const plan: PlanMeta = {
    id: planValue("plan_id"),
    municipality: planValue("municipality"),
    title: planValue("plan_title"),
    fiscalYears: { from: (fromYear.ok && fromYear.value) || 0, to: (toYear.ok && toYear.value) || 0 },
    asOf: (asOf.ok && asOf.value) || "",
  };
  const code = optional("municipality_code");
  const prefecture = optional("prefecture");
  const planSource = optional("plan_source");
  if (code !== undefined) plan.municipalityCode = code;
  if (prefecture !== undefined) plan.prefecture = prefecture;
  if (planSource !== undefined) plan.source = planSource;
  // The licence's columns go together; a file without them keeps the replaced plan's licence.
  const licenseId = optional("plan_license_id");
  if (licenseId !== undefined) {
    const note = optional("plan_license_note");
    plan.license = {
      id: licenseId,
      name: planValue("plan_license"),
      url: planValue("plan_license_url"),
      ...(note !== undefined ? { note } : {}),
    };
  }
  const metaKeys: [keyof PlanMeta, string][] = [
    ["id", planValue("plan_id")],
    ["municipality", plan.municipality],
    ["title", plan.title],
    ["asOf", plan.asOf],
    ["fiscalYears", plan.fiscalYears.from && plan.fiscalYears.to ? "y" : ""],
    ["municipalityCode", code ?? ""],
    ["prefecture", prefecture ?? ""],
    ["source", planSource ?? ""],
    ["license", licenseId ?? ""],
  ];
  for (const [key, value] of metaKeys) if (value === "") missingMeta.push(key);
  const document: PlanDocument = {
    format: PLAN_FORMAT,
    plan,
    scales: DEFAULT_SCALES,
    strategies,
    measures,
    actions,
  };
  return draft(document, {
    missingMeta,
    partialSystem: true,
    lacks: { scales: true },
    locate: csvLocator(document, rowOfAction, place),
  });
}

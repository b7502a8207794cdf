import type { Issue } from "../../core/errors.js";
import type { Action, PlanDocument, Recovered } from "../../core/plan/plan.schema.js";
import { PLAN_FORMAT } from "../../core/plan/plan.schema.js";
import { DEFAULT_SCALES } from "../../core/review/scales.js";
import {
  cleanText,
  defaultNotePlace,
  isDash,
  scheduleLabel,
  splitBullets,
  splitDescription,
  splitTags,
} from "./cells.js";
import { yearAt } from "./layout.js";
import type { PlacedRow } from "./parse.js";
import { assignMeasures } from "./measures.js";
import { findRelisted } from "./relist.js";

export interface TableOptions {
  planId: string;
  municipality?: string;
  /** Names a place in the source for messages: "line 12" or "row 12, column E". */
  place: (line: number, column?: number) => string;
  /** Names a source line in the data's `recovered` notes, which people read on the pages (Japanese). */
  notePlace?: (line: number) => string;
  /** Start years before this are refused (a plan of this century is written in 平成 and 令和). */
  earliestStartYear?: number;
}

export interface TableResult {
  /** Shaped like the canonical document; the caller validates it. Null when nothing was read. */
  document: PlanDocument | null;
  warnings: Issue[];
  errors: Issue[];
}

interface Draft {
  placed: PlacedRow;
  number: number;
  action: Action;
  labels: string[];
}

/** The municipality a title starts with: 門真市ものづくり… → 門真市. */
export function municipalityOf(title: string | null): string | null {
  const m = title ? /^(.+?[都道府県市区町村])/u.exec(title) : null;
  return m ? m[1]! : null;
}

function scheduleOf(draft: PlacedRow, lastYear: number, options: TableOptions, warnings: Issue[]) {
  const { row, layout } = draft;
  const shift =
    row.nameColumn !== null && layout.nameColumn !== null ? row.nameColumn - layout.nameColumn : 0;
  const placedLabels: { fiscalYear: number; label: string }[] = [];
  for (const cell of row.labels) {
    const label = scheduleLabel(cell.text);
    if (label === "" || isDash(label)) continue;
    const at = yearAt(layout, cell.column - shift);
    if (!at) {
      warnings.push({
        path: options.place(row.line, cell.column + 1),
        message: `no schedule years known; "${label}" ignored`,
      });
      continue;
    }
    if (at.outside) {
      warnings.push({
        path: options.place(row.line, cell.column + 1),
        message: `schedule label "${label}" lies outside the year columns; placed in FY ${at.fiscalYear}`,
      });
    }
    placedLabels.push({ fiscalYear: at.fiscalYear, label });
  }
  placedLabels.sort((a, b) => a.fiscalYear - b.fiscalYear);
  // Spans were lost in extraction: a label runs on across the empty years after it.
  return placedLabels.map((p, i) => {
    const next = placedLabels[i + 1];
    const to = next ? Math.max(p.fiscalYear, next.fiscalYear - 1) : lastYear;
    return { from: p.fiscalYear, to, label: p.label };
  });
}

function recordsOf(draft: PlacedRow) {
  const { row, layout } = draft;
  const records: Action["records"] = [];
  for (const [kind, header, text] of [
    ["baseline", layout.baseline, row.baseline],
    ["result", layout.result, row.result],
  ] as const) {
    const cleaned = cleanText(text);
    if (cleaned === "" || isDash(cleaned) || !header) continue;
    records.push({ fiscalYear: header.fiscalYear, kind, asOf: header.asOf, text: cleaned });
  }
  return records;
}

/** Numbers, measures, relists, schedules and records: from recognised rows to a plan document. */
export function assemblePlan(
  placed: readonly PlacedRow[],
  title: string | null,
  options: TableOptions,
  warnings: Issue[],
): TableResult {
  const errors: Issue[] = [];
  const notePlace = options.notePlace ?? defaultNotePlace;
  const years = placed.flatMap((p) => p.layout.yearColumns.map((c) => c.fiscalYear));
  const firstYear = years.length > 0 ? Math.min(...years) : null;
  const lastYear = years.length > 0 ? Math.max(...years) : null;
  const earliest = options.earliestStartYear ?? (firstYear !== null && firstYear >= 2000 ? 1989 : 1868);

  // Action rows are numbered in order; a printed number that disagrees is reported, a repeated one refused.
  const drafts: Draft[] = [];
  const shownAt = new Map<number, number>();
  let counter = 0;
  for (const p of placed) {
    const { row } = p;
    if (row.name === null) continue;
    counter = drafts.length === 0 && row.visibleNumber !== null ? row.visibleNumber : counter + 1;
    const recovered: Recovered[] = [];
    if (row.visibleNumber !== null) {
      const earlier = shownAt.get(row.visibleNumber);
      if (earlier !== undefined) {
        errors.push({
          path: options.place(row.line, 1),
          message: `action number ${row.visibleNumber} repeats ${options.place(earlier)}`,
        });
      }
      shownAt.set(row.visibleNumber, row.line);
      if (row.visibleNumber !== counter) {
        warnings.push({
          path: options.place(row.line, 1),
          message: `shows number ${row.visibleNumber} but is action ${counter} in row order`,
        });
        recovered.push({
          field: "number",
          from: `行の順序（${notePlace(row.line)}には${row.visibleNumber}と印字）`,
          note: "このページの行番号は印字位置がずれているため、行の順に番号を付けました。",
        });
      }
    }
    if (row.startYear.error) {
      errors.push({ path: `${options.place(row.line)}, 開始年`, message: row.startYear.error });
    } else if (row.startYear.year !== null && row.startYear.year < earliest) {
      errors.push({
        path: `${options.place(row.line)}, 開始年`,
        message: `${row.startYear.text} is FY ${row.startYear.year}, before ${earliest}: not a start year of this plan`,
      });
    }
    for (const cell of row.stray) {
      warnings.push({
        path: options.place(row.line, cell.column + 1),
        message: "text after the schedule that is not the last cell; ignored",
      });
    }
    const { name, tags } = splitTags(row.name);
    const description = splitDescription(row.description);
    if (description.some((d) => d.unmarked)) {
      warnings.push({
        path: `${options.place(row.line)}, 説明`,
        message: "description text without ● or ○; taken as under way (●)",
      });
    }
    const action: Action = {
      number: counter,
      measure: "",
      name,
      tags,
      isNew: row.flag === "new",
      isPriority: row.priority,
      relistOf: null,
      description: description.map((d) => ({ kind: d.kind, text: d.text })),
      startFiscalYear: row.startYear.year,
      schedule: lastYear !== null ? scheduleOf(p, lastYear, options, warnings) : [],
      records: recordsOf(p),
      challenges: splitBullets(row.challenges),
      indicators: [],
      evaluations: [],
      recovered,
    };
    drafts.push({ placed: p, number: counter, action, labels: action.schedule.map((s) => s.label) });
  }

  const { strategies, measures } = assignMeasures(placed, drafts, options, warnings, errors);
  resolveRelists(drafts, options, warnings);
  for (const d of drafts) {
    if (d.placed.row.flag === null && !d.action.recovered.some((r) => r.field === "isNew")) {
      warnings.push({
        path: options.place(d.placed.row.line),
        message: `action ${d.number} has no 既存/新規 cell; taken as 既存`,
      });
    }
  }

  const result = placed.find((p) => p.layout.result?.asOf)?.layout.result;
  const municipality = options.municipality ?? municipalityOf(title) ?? "";
  const document: PlanDocument = {
    format: PLAN_FORMAT,
    plan: {
      id: options.planId,
      municipality,
      title: title ?? "",
      fiscalYears: { from: firstYear ?? 0, to: lastYear ?? 0 },
      asOf: result?.asOf ?? "",
    },
    scales: DEFAULT_SCALES,
    strategies,
    measures,
    actions: drafts.map((d) => d.action),
  };
  return { document, warnings, errors };
}

/** 再掲 rows: link each to the action it repeats; fill a lost name or 既存/新規 flag from its twin. */
function resolveRelists(drafts: Draft[], options: TableOptions, warnings: Issue[]): void {
  const candidates = drafts.map((d) => ({
    number: d.number,
    name: d.action.name,
    description: d.placed.row.description,
    startFiscalYear: d.action.startFiscalYear,
    labels: d.labels,
    relist: d.placed.row.relist,
  }));
  const notePlace = options.notePlace ?? defaultNotePlace;
  for (const d of drafts) {
    if (!d.placed.row.relist) continue;
    const self = candidates.find((c) => c.number === d.number)!;
    const match = findRelisted(self, candidates);
    const line = options.place(d.placed.row.line);
    if (!match) {
      warnings.push({
        path: line,
        message: `action ${d.number} is marked 再掲 but no earlier action matches it`,
      });
      if (d.action.name === "") d.action.name = "再掲";
      continue;
    }
    const original = drafts.find((o) => o.number === match.number)!;
    d.action.relistOf = match.number;
    if (d.action.name === "") {
      d.action.name = original.action.name;
      d.action.recovered.push({
        field: "name",
        from: `アクション${match.number}`,
        note: `具体的アクションの欄には「再掲」とだけあります。この行はアクション${match.number}と${match.evidence}ため、その名称としました。`,
      });
      d.action.recovered.push({
        field: "relistOf",
        from: `アクション${match.number}`,
        note: `内容から特定しました。この行はアクション${match.number}と${match.evidence}です。`,
      });
    }
    if (original.placed.row.flag === null && d.placed.row.flag !== null) {
      original.action.isNew = d.placed.row.flag === "new";
      original.action.recovered.push({
        field: "isNew",
        from: `アクション${d.number}（再掲の行、${notePlace(d.placed.row.line)}）`,
        note: `この行の既存/新規の欄は抽出で失われました。同じアクションの再掲の行に「${d.placed.row.flag === "new" ? "新規" : "既存"}」とあります。`,
      });
    }
  }
}

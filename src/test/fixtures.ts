import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Action, PlanDocument } from "../core/plan/plan.schema.js";
import { DEFAULT_SCALES } from "../core/review/scales.js";

export const KADOMA_FILE = fileURLToPath(new URL("../../data/plans/kadoma.json", import.meta.url));

/** Kadoma's canonical file as bytes on disk. */
export const kadomaJson = (): string => readFileSync(KADOMA_FILE, "utf8");

/** A fresh, mutable copy of Kadoma's plan. */
export const kadoma = (): PlanDocument => JSON.parse(kadomaJson()) as PlanDocument;

/** A small plan built for a test; override what the test is about. */
export function smallPlan(overrides: Partial<PlanDocument["plan"]> = {}, actions?: Action[]): PlanDocument {
  return {
    format: "shinko-plan/1",
    plan: {
      id: "testshi",
      municipality: "テスト市",
      title: "テスト市ものづくり振興計画",
      fiscalYears: { from: 2024, to: 2028 },
      asOf: "2025-02-28",
      ...overrides,
    },
    scales: DEFAULT_SCALES,
    strategies: [{ code: "1", name: "基盤", subtitle: "" }],
    measures: [{ code: "1-1", strategy: "1", name: "人材", page: null }],
    actions: actions ?? [
      testAction(1),
      testAction(2, { name: "溶接技術の継承", tags: ["事業承継"], isNew: true }),
    ],
  };
}

export function testAction(number: number, overrides: Partial<Action> = {}): Action {
  return {
    number,
    measure: "1-1",
    name: `アクション${number}`,
    tags: [],
    isNew: false,
    isPriority: false,
    relistOf: null,
    description: [{ kind: "ongoing", text: "説明" }],
    startFiscalYear: null,
    schedule: [{ from: 2024, to: 2028, label: "実施" }],
    records: [],
    challenges: [],
    indicators: [],
    evaluations: [],
    recovered: [],
    ...overrides,
  };
}

import type { PlanDocument } from "../core/plan/plan.schema.js";
import { smallPlan, testAction } from "./fixtures.js";

/**
 * A plan whose texts push on every cell syntax: markers and backslashes at line starts, names
 * that end in brackets, tags with brackets, overlapping and gapped schedules, several results
 * with their own dates, formulas and HTML as plain text, strategies and measures without actions.
 */
export function trickyPlan(): PlanDocument {
  const doc = smallPlan({ id: "tricky", title: "テスト市ものづくり振興計画", source: "hand-made for tests" });
  doc.strategies = [
    { code: "A", name: "基盤 (強化)", subtitle: "" },
    { code: "B", name: "連携", subtitle: "Combination・Chain" },
    { code: "C", name: "行動のない戦略", subtitle: "" },
  ];
  doc.measures = [
    { code: "A.1", strategy: "A", name: "人材 (育成)", page: null },
    { code: "A.2", strategy: "A", name: "BCP（災害、感染症等）", page: 66 },
    { code: "B.1", strategy: "B", name: "連携の推進", page: 12 },
    { code: "B.2", strategy: "B", name: "行動のない施策", page: null },
  ];
  doc.actions = [
    testAction(1, {
      measure: "A.1",
      name: "=SUM(A1:A3) と <script>alert(1)</script>",
      tags: ["DX", "情報【発信】", "back\\slash"],
      isPriority: true,
      description: [
        { kind: "ongoing", text: "一行目\n●二行目は項目ではない\n\\バックスラッシュ" },
        { kind: "planned", text: "+81 の電話番号、@mention、-マイナス" },
      ],
      startFiscalYear: 2019,
      schedule: [
        { from: 2024, to: 2025, label: "検討\n実施" },
        { from: 2025, to: 2026, label: "重なる" },
        { from: 2028, to: 2028, label: "再開" },
      ],
      records: [
        { fiscalYear: 2023, kind: "baseline", asOf: "2024-03-31", text: "[括弧で始まる]記録\n\\二行目" },
        { fiscalYear: 2024, kind: "result", asOf: "2025-02-28", text: "令和6年度の実績" },
        { fiscalYear: 2025, kind: "result", asOf: null, text: "令和7年度の実績" },
      ],
      challenges: ["・で始まる課題", "二行の\n・課題"],
      recovered: [{ field: "name", from: "テスト", note: "復元の例" }],
    }),
    testAction(2, { measure: "A.2", name: "名前が【括弧】で終わる【GX】", tags: [], isNew: true }),
    testAction(3, { measure: "B.1", relistOf: 1, name: "=SUM(A1:A3) と <script>alert(1)</script>" }),
    testAction(4, {
      measure: "B.1",
      records: [{ fiscalYear: 2024, kind: "result", asOf: "2025-01-31", text: "別の時点の実績" }],
      schedule: [],
      description: [],
    }),
  ];
  return doc;
}

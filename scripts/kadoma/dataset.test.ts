import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Action, PlanDocument } from "../../src/core/plan/plan.schema.js";
import { buildKadomaDataset, DATASET_FILE } from "./build-dataset.js";

// Expectations here were written by reading data/sources/kadoma/action-plan-2025-02.tsv (the city's
// table), not copied from the dataset.
const committed = readFileSync(DATASET_FILE, "utf8");
const plan = JSON.parse(committed) as PlanDocument;
const action = (n: number): Action => {
  const a = plan.actions.find((x) => x.number === n);
  if (!a) throw new Error(`no action ${n}`);
  return a;
};

describe("Kadoma's canonical dataset", () => {
  it("is what the build script makes from the seed (reproducible, byte for byte)", async () => {
    const { json } = await buildKadomaDataset();
    expect(json).toBe(committed);
  });

  it("holds the plan, 3 strategies, 15 measures and 45 actions numbered 1–45", () => {
    expect(plan.format).toBe("shinko-plan/1");
    expect(plan.plan).toMatchObject({
      id: "kadoma",
      municipality: "門真市",
      title: "門真市ものづくり産業振興計画アクションプラン",
      fiscalYears: { from: 2024, to: 2028 },
      asOf: "2025-02-28",
    });
    expect(plan.strategies).toEqual([
      { code: "1", name: "イノベーション", subtitle: "Change・Chance・Challenge" },
      { code: "2", name: "ネットワーク・連携", subtitle: "Combination・Chain・Cross" },
      { code: "3", name: "基盤・集積強化", subtitle: "Conditioning・Cluster・Convence" },
    ]);
    expect(plan.measures.map((m) => m.code)).toEqual([
      "1-1",
      "1-2",
      "1-3",
      "1-4",
      "2-1",
      "2-2",
      "2-3",
      "2-4",
      "2-5",
      "3-1",
      "3-2",
      "3-3",
      "3-4",
      "3-5",
      "3-6",
    ]);
    expect(plan.actions.map((a) => a.number)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
  });

  it("has the measures with their page references, split words joined", () => {
    const byCode = Object.fromEntries(plan.measures.map((m) => [m.code, m]));
    expect(byCode["1-1"]).toEqual({
      code: "1-1",
      strategy: "1",
      name: "デジタル化 (DX) への対応・活用",
      page: 48,
    });
    expect(byCode["1-4"]).toEqual({
      code: "1-4",
      strategy: "1",
      name: "次世代ものづくり支援拠点の整備",
      page: 55,
    });
    expect(byCode["2-1"]).toEqual({
      code: "2-1",
      strategy: "2",
      name: "ネットワーク活動の拡大、推進",
      page: 56,
    });
    expect(byCode["3-3"]?.name).toBe("操業環境の維持と新たな産業用地の確保");
    expect(byCode["3-3"]?.page).toBe(64);
    expect(byCode["3-6"]).toEqual({ code: "3-6", strategy: "3", name: "BCP（災害、感染症等）", page: 66 });
  });

  it("action 1: the first row, flags, tag, five schedule years, records and challenges", () => {
    const a = action(1);
    expect(a.measure).toBe("1-1");
    expect(a.name).toBe("「先端設備等導入計画」を活用した、新規設備投資促進による生産プロセス等の効率化");
    expect(a.tags).toEqual(["DX"]);
    expect(a.isPriority).toBe(true);
    expect(a.isNew).toBe(false); // lost on line 7, shown as 既存 on its 再掲 row (action 24)
    expect(a.recovered.map((r) => r.field)).toEqual(["isNew"]);
    expect(a.relistOf).toBeNull();
    expect(a.startFiscalYear).toBe(2018); // 平成30年度
    expect(a.description).toEqual([
      {
        kind: "ongoing",
        text: "中小企業等経営強化法に基づき、新規導入先端設備にかかる固定資産税の軽減措置を実施。(固定資産税を最大5年間、2/3を軽減)",
      },
    ]);
    expect(a.schedule).toEqual([
      { from: 2024, to: 2024, label: "見直し検討" },
      { from: 2025, to: 2026, label: "2年間延長予定" },
      { from: 2027, to: 2028, label: "令和9年度以降未定" },
    ]);
    expect(a.records).toEqual([
      {
        fiscalYear: 2023,
        kind: "baseline",
        asOf: "2024-03-31",
        text: "・中小企業サポートセンターを中心に制度利用提案・申請支援を実施。 【令和5年度 17件認定(投資額計約4.06億円)】",
      },
      {
        fiscalYear: 2024,
        kind: "result",
        asOf: "2025-02-28",
        text: "・中小企業サポートセンターを中心に制度利用提案・申請支援を実施。 【令和6年度 13件認定(投資額計約4.26億円)】",
      },
    ]);
    expect(a.challenges).toHaveLength(3);
    expect(a.challenges[2]).toBe("令和9年度以降、国の動向をもとに検討。");
  });

  it("action 3: a new action with ○ items and no start year", () => {
    const a = action(3);
    expect(a.isNew).toBe(true);
    expect(a.isPriority).toBe(false);
    expect(a.startFiscalYear).toBeNull(); // —
    expect(a.description.map((d) => d.kind)).toEqual(["planned", "planned", "planned", "planned", "planned"]);
    expect(a.description[0]?.text.startsWith("DX人材の確保・育成。")).toBe(true);
    expect(a.challenges).toEqual(["ニーズ・実態把握。", "支援の方向性検討。"]);
  });

  it("action 7: a dash in 現状 means no baseline record", () => {
    const a = action(7);
    expect(a.name).toBe("新たな脱炭素 (GX) 推進施策・実施検討");
    expect(a.records.map((r) => r.kind)).toEqual(["result"]);
  });

  it("action 9: three labels on one row", () => {
    expect(action(9).schedule).toEqual([
      { from: 2024, to: 2024, label: "令和7年度より税制拡充予定" },
      { from: 2025, to: 2027, label: "申請支援実施" },
      { from: 2028, to: 2028, label: "地域経済牽引事業基本計画見直し" },
    ]);
    expect(action(9).startFiscalYear).toBe(2019); // 令和元年度
  });

  it("actions 11–15 take their measures from page 2's repeated cells", () => {
    expect([8, 9, 10, 11, 12, 13, 14, 15].map((n) => action(n).measure)).toEqual([
      "1-3",
      "1-3",
      "1-3",
      "1-4",
      "1-4",
      "2-1",
      "2-1",
      "2-1",
    ]);
    expect(action(12).name).toBe("門真市駅前再開発をにらんだ「次世代ものづくり支援拠点」の整備検討");
    expect(action(12).recovered.some((r) => r.field === "number")).toBe(true); // line 21 prints 9
    expect(action(14).name).toBe("「もりかど産業支援機関ネットワーク」による、地域支援機関の連携促進");
    expect(action(13).recovered.some((r) => r.field === "measure")).toBe(true);
  });

  it("action 16: → marks a label that runs over every year", () => {
    const a = action(16);
    expect(a.measure).toBe("2-2");
    expect(a.schedule).toEqual([{ from: 2024, to: 2028, label: "実施" }]);
    expect(a.records[0]?.text).toContain("【令和5年度末現在122社掲載】");
    expect(a.records[1]?.text).toContain("【令和6年度末現在 136社掲載】");
  });

  it("action 24 relists action 1 under 人材確保・育成 with another tag", () => {
    const a = action(24);
    expect(a.measure).toBe("3-1");
    expect(a.relistOf).toBe(1);
    expect(a.tags).toEqual(["省力化"]);
    expect(a.isPriority).toBe(true);
    expect(a.schedule).toEqual(action(1).schedule);
  });

  it("action 31 relists the portal (action 16)", () => {
    expect(action(31).relistOf).toBe(16);
    expect(action(31).tags).toEqual(["業界向け情報発信"]);
  });

  it("action 38: split words joined in the name, typos of the original kept elsewhere", () => {
    expect(action(38).name).toBe("門真市工場立地法に基づく準則を定める条例による緑地面積率等の引き下げ");
    expect(action(27).challenges[2]).toContain("少雨緑化");
    expect(action(14).records[1]?.text).toContain("パナニックミュージアム");
    expect(action(33).description[0]?.text).toContain("秘術力");
  });

  it("action 40 lost its name; its content shows it repeats action 11", () => {
    const a = action(40);
    expect(a.measure).toBe("3-4");
    expect(a.relistOf).toBe(11);
    expect(a.name).toBe(action(11).name);
    expect(a.recovered.map((r) => r.field).sort()).toEqual(["name", "relistOf"]);
    expect(a.startFiscalYear).toBe(2012); // 平成24年度
    expect(a.description).toHaveLength(3);
  });

  it("action 41: the tag split across a line break is one tag", () => {
    expect(action(41).name).toBe("関係支援機関との連携");
    expect(action(41).tags).toEqual(["事業承継"]);
    expect(action(41).startFiscalYear).toBe(2011); // 平成23年度
  });

  it("action 42 lost its name; its description repeats action 29's", () => {
    const a = action(42);
    expect(a.relistOf).toBe(29);
    expect(a.name).toBe(
      "オープンファクトリーイベント (FactorISMファクトリズム) への協力及び参加企業への支援",
    );
    expect(a.measure).toBe("3-5");
    expect(a.recovered.find((r) => r.field === "name")?.from).toBe("アクション29");
  });

  it("action 45: the last row, without challenges", () => {
    const a = action(45);
    expect(a.name).toBe("市役所産業振興業務におけるBCP推進");
    expect(a.startFiscalYear).toBe(2023);
    expect(a.challenges).toEqual([]);
    expect(a.schedule).toEqual([{ from: 2025, to: 2028, label: "検討・実施" }]);
  });

  it("counts what the table shows: priority, new and relisted rows", () => {
    expect(plan.actions.filter((a) => a.isPriority)).toHaveLength(29);
    expect(plan.actions.filter((a) => a.isNew).map((a) => a.number)).toEqual([
      3, 7, 10, 12, 17, 19, 27, 30, 35,
    ]);
    expect(plan.actions.filter((a) => a.relistOf !== null).map((a) => [a.number, a.relistOf])).toEqual([
      [24, 1],
      [31, 16],
      [40, 11],
      [42, 29],
    ]);
  });

  it("marks every hand correction in the data with where it came from", () => {
    const corrected = plan.actions
      .filter((a) => a.recovered.some((r) => r.field === "schedule"))
      .map((a) => a.number);
    expect(corrected).toEqual([11, 24, 28, 29, 30, 31, 32, 33, 34, 35]);
    for (const a of plan.actions) for (const r of a.recovered) expect(r.from.length).toBeGreaterThan(3);
  });

  it.each([
    [13, "加入企業数", "社", 99, 101, "99社が加入"],
    [16, "掲載企業数", "社", 122, 136, "136社掲載"],
    [23, "総来場者数", "名", 62, 114, "総来場者数 114名"],
    [23, "雇用マッチング数", "名", 2, 8, "雇用マッチング数8名"],
    [28, "認定企業数", "社", 65, 69, "計69社"],
  ])(
    "action %i ships the indicator %s (%s): FY 2023 %i → FY 2024 %i, traceable to its sentence",
    (n, name, unit, from, to, words) => {
      const indicator = action(n).indicators.find((i) => i.name.includes(name));
      expect(indicator).toBeDefined();
      expect(indicator!.unit).toBe(unit);
      expect(indicator!.baseline).toMatchObject({
        fiscalYear: 2023,
        value: from,
        evidence: { record: { fiscalYear: 2023, kind: "baseline" } },
      });
      expect(indicator!.values).toEqual([
        expect.objectContaining({
          fiscalYear: 2024,
          target: null,
          actual: to,
          evidence: expect.objectContaining({ record: { fiscalYear: 2024, kind: "result" } }) as unknown,
        }),
      ]);
      const sentences = [
        indicator!.baseline!.evidence!.excerpt,
        indicator!.values[0]!.evidence!.excerpt,
      ].join(" ");
      expect(sentences.normalize("NFKC")).toContain(words);
      // The sentence is in the action's own record text.
      const records = action(n)
        .records.map((r) => r.text.normalize("NFKC"))
        .join(" ");
      expect(records).toContain(indicator!.values[0]!.evidence!.excerpt);
    },
  );

  it("ships no indicator on a 再掲 row that repeats the original's figures; action 40 counts its own", () => {
    for (const n of [24, 31, 42]) expect(action(n).indicators).toEqual([]);
    expect(action(40).indicators.map((i) => [i.name, i.baseline?.value, i.values[0]?.actual])).toEqual([
      ["事業承継の相談・支援件数", 4, 17],
    ]);
  });
});

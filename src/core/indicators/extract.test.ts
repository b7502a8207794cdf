import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kadoma } from "../../test/fixtures.js";
import { proposePlanValues, proposeValues } from "./extract.js";

const result = (text: string, fiscalYear = 2024) =>
  proposeValues(text, { actionNumber: 1, fiscalYear, kind: "result" }).map((p) => ({
    value: p.value,
    unit: p.unit,
    fiscalYear: p.fiscalYear,
    before: p.before,
    after: p.after,
  }));

describe("reading indicator values from text", () => {
  it("reads a count and an amount in one bracket, with the year it names", () => {
    expect(result("・申請支援を実施。 【令和6年度 13件認定(投資額計約4.26億円)】")).toEqual([
      { value: 13, unit: "件", fiscalYear: 2024, before: "", after: "認定" },
      { value: 4.26, unit: "億円", fiscalYear: 2024, before: "投資額計", after: "" },
    ]);
  });

  it("reads a percentage named before a colon", () => {
    expect(result("【会員大会・定例会平均参加率：9.7%】")).toEqual([
      { value: 9.7, unit: "%", fiscalYear: 2024, before: "会員大会・定例会平均参加率", after: "" },
    ]);
  });

  it("takes the fiscal year from a date beside the number", () => {
    expect(result("・99社が加入（令和6年3月末現在）。", 2023)[0]).toMatchObject({
      value: 99,
      fiscalYear: 2023,
      after: "が加入",
    });
    expect(result("【令和5年度 1,078件相談支援 426件訪問】", 2023)).toEqual([
      { value: 1078, unit: "件", fiscalYear: 2023, before: "", after: "相談支援" },
      { value: 426, unit: "件", fiscalYear: 2023, before: "", after: "訪問" },
    ]);
  });

  it("does not take dates, frequencies or full-width digits as something else", () => {
    expect(result("セミナーを開催。(令和6年7月)")).toEqual([]);
    expect(result("若手交流会（年2回程度）、定例会（原則毎月1回）")).toEqual([]);
    expect(result("定例会の開催。（１１回）")).toEqual([
      { value: 11, unit: "回", fiscalYear: 2024, before: "定例会の開催", after: "" },
    ]);
  });

  it("gives each proposal a stable id and the clause it came from", () => {
    const [p] = proposeValues("【令和6年度末現在 136社掲載】", {
      actionNumber: 16,
      fiscalYear: 2024,
      kind: "result",
    });
    expect(p).toMatchObject({
      id: "16:result:2024:10",
      excerpt: "【令和6年度末現在 136社掲載】",
      value: 136,
    });
  });

  it("proposes for every record of Kadoma's plan exactly what the reviewed, checked-in file lists", () => {
    const reviewed = readFileSync(
      new URL("../../../data/plans/kadoma.indicator-proposals.json", import.meta.url),
      "utf8",
    );
    expect(`${JSON.stringify(proposePlanValues(kadoma().actions), null, 2)}\n`).toBe(reviewed);
  });
});

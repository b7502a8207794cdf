import { describe, expect, it } from "vitest";
import { pageContext } from "../context.js";
import { parsePath, pathLabel } from "./diff-labels.js";

const assets = { css: "", js: "", charts: "" };
const ja = pageContext("ja", "/", new URLSearchParams(), assets, 2025);
const en = pageContext("en", "/", new URLSearchParams(), assets, 2025);

describe("difference paths in words", () => {
  it("splits a path into fields and the items they select, keeping dots inside brackets", () => {
    expect(parsePath("indicators[code=1.2].values[fiscalYear=2025].actual")).toEqual([
      { key: "indicators", select: { code: "1.2" } },
      { key: "values", select: { fiscalYear: "2025" } },
      { key: "actual", select: null },
    ]);
    expect(parsePath("tags[1]")).toEqual([{ key: "tags", select: { index: "1" } }]);
  });

  it("names fields through the catalogue, years in era form, indicators by name", () => {
    const names = { indicator: (code: string) => (code === "1" ? "加入企業数" : undefined) };
    expect(pathLabel(ja, "records[fiscalYear=2025,kind=result].text")).toBe(
      "現状・実績 › 令和7年度の実績 › 本文",
    );
    expect(pathLabel(ja, "indicators[code=1].values[fiscalYear=2025].target", names)).toBe(
      "指標「加入企業数」 › 年度ごとの値 › 令和7年度 › 目標値",
    );
    expect(pathLabel(ja, "indicators[code=9].unit", names)).toBe("指標 › コード 9 › 単位");
    expect(pathLabel(ja, "challenges[0]")).toBe("課題 › 1番目");
    expect(pathLabel(en, "records[fiscalYear=2024,kind=baseline]")).toBe(
      "Baseline and results › Baseline FY2024",
    );
    expect(pathLabel(ja, "somethingNew")).toBe("somethingNew");
  });
});

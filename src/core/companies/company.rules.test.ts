import { describe, expect, it } from "vitest";
import { municipalityCodeProblem } from "../municipalities/municipality.js";
import { parseCorporateNumber } from "./corporate-number.js";
import { parseEmployees, parseYen } from "./company.rules.js";
import { industryClass } from "./industry.js";
import { parseSpecValue } from "./specs.js";

describe("company values as people write them", () => {
  it("checks the 法人番号 check digit (国税庁 is 7000012050002)", () => {
    expect(parseCorporateNumber("7000012050002")).toEqual({ ok: true, value: "7000012050002" });
    expect(parseCorporateNumber("７０００−０１２０−５０００２")).toEqual({
      ok: true,
      value: "7000012050002",
    });
    expect(parseCorporateNumber("1000012050002")).toEqual({
      ok: false,
      error: "check digit is wrong (expected 7)",
    });
    expect(parseCorporateNumber("700001205000")).toMatchObject({ ok: false });
  });

  it("checks the municipality code's check digit (門真市 272230)", () => {
    expect(municipalityCodeProblem("272230")).toBeNull();
    expect(municipalityCodeProblem("272231")).toBe("check digit is wrong (expected 0)");
    expect(municipalityCodeProblem("131016")).toBeNull(); // 千代田区
  });

  it("turns press forces in t into kN with 1 tf = 9.80665 kN and reads full-width digits", () => {
    expect(parseSpecValue("pressForceKn", "200t")).toEqual({ ok: true, value: 1961.33 });
    expect(parseSpecValue("pressForceKn", "２００トン")).toEqual({ ok: true, value: 1961.33 });
    expect(parseSpecValue("pressForceKn", "1960kN")).toEqual({ ok: true, value: 1960 });
    expect(parseSpecValue("travelXMm", "1,000mm")).toEqual({ ok: true, value: 1000 });
    expect(parseSpecValue("travelXMm", "１，０００ｍｍ")).toEqual({ ok: true, value: 1000 });
    expect(parseSpecValue("travelXMm", "1.2m")).toEqual({ ok: true, value: 1200 });
    expect(JSON.stringify(parseSpecValue("travelXMm", "mm"))).toContain("has no number");
    expect(JSON.stringify(parseSpecValue("pressForceKn", "200kg"))).toContain('\\"kg\\" is not a unit');
  });

  it("reads employees and capital", () => {
    expect(parseEmployees("20〜49人")).toEqual({ min: 20, max: 49 });
    expect(parseEmployees(25)).toEqual({ min: 25, max: 25 });
    expect(parseEmployees("49-20")).toBe("the first number must not exceed the second");
    expect(parseYen("1億2000万円")).toBe(120_000_000);
    expect(parseYen("1,000万円")).toBe(10_000_000);
  });

  it("ships the real 日本標準産業分類 manufacturing codes", () => {
    expect(industryClass("24")?.name).toBe("金属製品製造業");
    expect(industryClass("245")?.name).toBe("金属素形材製品製造業");
    expect(industryClass("2452")).toMatchObject({
      name: "金属プレス製品製造業（アルミニウム・同合金を除く）",
      parents: ["24", "245"],
    });
    expect(industryClass("2691")?.name).toBe("金属用金型・同部分品・附属品製造業");
    expect(industryClass("0911")?.name).toBe("部分肉・冷凍肉製造業");
    expect(industryClass("33")).toBeUndefined();
  });
});

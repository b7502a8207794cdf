import { describe, expect, it } from "vitest";
import {
  currentFiscalYear,
  eraOfFiscalYear,
  fiscalYear,
  fiscalYearOf,
  fiscalYearSpan,
  formatFiscalYear,
  parseFiscalYear,
} from "./index.js";

function value(text: string): number {
  const r = parseFiscalYear(text);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.error}`);
  return r.value;
}

function error(text: string, bounds?: { min?: number; max?: number }): string {
  const r = parseFiscalYear(text, bounds);
  if (r.ok) throw new Error(`expected ${text} to be rejected, got ${r.value}`);
  return r.error;
}

describe("parseFiscalYear", () => {
  it.each([
    ["平成30年度", 2018],
    ["令和元年度", 2019],
    ["平成31年度", 2019],
    ["令和7年度", 2025],
    ["R6年度", 2024],
    ["r6", 2024],
    ["H30", 2018],
    ["H.30", 2018],
    ["2024年度", 2024],
    ["2024", 2024],
    ["FY2024", 2024],
    ["ＦＹ２０２４", 2024],
    ["令和６年度", 2024],
    ["Ｒ６年度", 2024],
    [" 令和 6 年度 ", 2024],
    ["平成元年度", 1989],
    ["昭和63年度", 1988],
    ["平成24年度", 2012],
    ["令和10年度", 2028],
  ])("reads %s as FY %i", (text, fy) => {
    expect(value(text)).toBe(fy);
  });

  it("rejects era year 0 with a message naming 元年", () => {
    expect(error("令和0年度")).toMatch(/令和0年 does not exist.*元年/);
  });

  it("rejects a year past the end of its era", () => {
    expect(error("平成32年度")).toMatch(/平成32年 does not exist.*平成 ended in its year 31 \(2019\)/);
    expect(error("大正16年度")).toMatch(/大正16年 does not exist/);
  });

  it.each([
    "",
    "   ",
    "年度",
    "abc",
    "令和",
    "令和七年度",
    "12345",
    "2024年4月1日",
    "令和7年2月末",
    "慶応3年度",
    "—",
  ])("rejects %j, saying what was expected", (text) => {
    expect(error(text)).toMatch(/expected|not a|does not exist|unknown|empty/);
  });

  it("applies bounds, naming the western year", () => {
    expect(error("昭和60年度", { min: 2000 })).toBe(
      '"昭和60年度" is FY 1985, before the earliest accepted year 2000',
    );
    expect(error("大正5年度", { min: 2000 })).toMatch(/FY 1916/);
    expect(error("令和30年度", { max: 2100 - 100 })).toMatch(/after the latest accepted year 2000/);
    expect(value("令和6年度")).toBe(2024);
  });

  it("fiscalYear throws a RangeError carrying the message", () => {
    expect(() => fiscalYear("令和0年度")).toThrow(RangeError);
    expect(fiscalYear("R7")).toBe(2025);
  });
});

describe("formatFiscalYear", () => {
  it("writes FY 2024 in era and western form", () => {
    expect(formatFiscalYear(2024)).toBe("令和6年度");
    expect(formatFiscalYear(2024, "era")).toBe("令和6年度");
    expect(formatFiscalYear(2024, "western")).toBe("2024年度");
    expect(formatFiscalYear(2024, "short")).toBe("R6年度");
    expect(formatFiscalYear(2024, "fy")).toBe("FY2024");
  });

  it("writes the first year of an era as 元年", () => {
    expect(formatFiscalYear(2019)).toBe("令和元年度");
    expect(formatFiscalYear(1989)).toBe("平成元年度");
    expect(formatFiscalYear(2018)).toBe("平成30年度");
    expect(formatFiscalYear(1988)).toBe("昭和63年度");
  });

  it("round-trips every fiscal year from 1927 to 2100 through each style", () => {
    for (let fy = 1927; fy <= 2100; fy++) {
      for (const style of ["era", "western", "short", "fy"] as const) {
        expect(value(formatFiscalYear(fy, style))).toBe(fy);
      }
    }
  });

  it("names the era and its year", () => {
    expect(eraOfFiscalYear(2024)).toMatchObject({ era: { name: "令和" }, year: 6 });
  });
});

describe("fiscal year arithmetic", () => {
  it("runs April to March", () => {
    expect(fiscalYearSpan(2024)).toEqual({ start: "2024-04-01", end: "2025-03-31" });
    expect(fiscalYearOf("2025-02-28")).toBe(2024);
    expect(fiscalYearOf("2025-03-31")).toBe(2024);
    expect(fiscalYearOf("2025-04-01")).toBe(2025);
  });

  it("uses Japan's clock for the current fiscal year", () => {
    // 2025-03-31T15:30Z is already 1 April in Tokyo.
    expect(currentFiscalYear(new Date("2025-03-31T15:30:00Z"))).toBe(2025);
    expect(currentFiscalYear(new Date("2025-03-31T14:30:00Z"))).toBe(2024);
  });
});

describe("every year the parser reads, written in any style, reads back", () => {
  // Found by the fuzz tests (src/reliability/fuzz, seed 20261123): "3018年度" was read as FY 3018,
  // but its era form 令和1000年度 was refused (era years had at most three digits).
  it.each([3018, 9999])("FY %i", (fy) => {
    for (const style of ["era", "western", "short", "fy"] as const) {
      expect(parseFiscalYear(formatFiscalYear(fy, style))).toEqual({ ok: true, value: fy });
    }
  });

  // The next fuzz run: 令和7982年度 was read as FY 10000, which has no western form to write.
  it("refuses an era year past FY 9999", () => {
    expect(parseFiscalYear("令和7981年度")).toEqual({ ok: true, value: 9999 });
    expect(parseFiscalYear("令和7982年度")).toMatchObject({
      ok: false,
      error: expect.stringContaining("FY 10000") as string,
    });
  });
});

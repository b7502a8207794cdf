import { describe, expect, it } from "vitest";
import { formatJapaneseDate, parseJapaneseDate } from "./index.js";

function value(text: string): string {
  const r = parseJapaneseDate(text);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.error}`);
  return r.value;
}

function error(text: string): string {
  const r = parseJapaneseDate(text);
  if (r.ok) throw new Error(`expected ${text} to be rejected, got ${r.value}`);
  return r.error;
}

describe("parseJapaneseDate", () => {
  it.each([
    ["令和7年2月末", "2025-02-28"],
    ["令和7年2月末時点", "2025-02-28"],
    ["令和6年2月末", "2024-02-29"],
    ["令和7年1月25日", "2025-01-25"],
    ["令和元年5月1日", "2019-05-01"],
    ["平成31年4月30日", "2019-04-30"],
    ["R7.2.28", "2025-02-28"],
    ["Ｒ７．２．末", "2025-02-28"],
    ["2025年2月28日", "2025-02-28"],
    ["2025-02-28", "2025-02-28"],
    ["2025/2/28", "2025-02-28"],
    ["令和5年度末", "2024-03-31"],
    ["令和6年度末現在", "2025-03-31"],
    ["2023年度末", "2024-03-31"],
  ])("reads %s as %s", (text, iso) => {
    expect(value(text)).toBe(iso);
  });

  it("rejects days that do not exist", () => {
    expect(error("令和7年2月29日")).toMatch(/has no day 29/);
    expect(error("2025-13-01")).toMatch(/month 13 does not exist/);
  });

  it("rejects dates outside their era", () => {
    expect(error("令和元年4月30日")).toMatch(/before 令和 began \(2019-05-01\)/);
    expect(error("平成31年5月1日")).toMatch(/after 平成 ended/);
    expect(error("令和0年1月1日")).toMatch(/元年/);
  });

  it.each(["", "令和7年", "令和7年度", "昨日", "2025", "令和7年2月"])(
    "rejects %j, saying what was expected",
    (text) => {
      expect(error(text)).toMatch(/expected|not a date|empty/);
    },
  );
});

describe("formatJapaneseDate", () => {
  it("writes the era in force on the day", () => {
    expect(formatJapaneseDate("2025-02-28")).toBe("令和7年2月28日");
    expect(formatJapaneseDate("2019-05-01")).toBe("令和元年5月1日");
    expect(formatJapaneseDate("2019-04-30")).toBe("平成31年4月30日");
  });
  it("writes the last day of a month as 末 when asked, as tables do", () => {
    expect(formatJapaneseDate("2025-02-28", { monthEnd: true })).toBe("令和7年2月末");
    expect(formatJapaneseDate("2024-02-28", { monthEnd: true })).toBe("令和6年2月28日");
    expect(formatJapaneseDate("2024-02-29", { monthEnd: true })).toBe("令和6年2月末");
    expect(formatJapaneseDate("2025-02-28")).toBe("令和7年2月28日");
  });
});

describe("every date the parser reads, written back in its era, reads the same", () => {
  // Found by the fuzz tests (src/reliability/fuzz): 9999-01-01 was read, but its era form
  // 令和7981年1月1日 was refused (era years had at most three digits).
  it.each(["3018-02-28", "9999-01-01"])("%s", (iso) => {
    expect(parseJapaneseDate(formatJapaneseDate(iso))).toEqual({ ok: true, value: iso });
    expect(parseJapaneseDate(formatJapaneseDate(iso, { monthEnd: true }))).toEqual({ ok: true, value: iso });
  });
});

describe("dates whose year an ISO date cannot hold", () => {
  // Found with the fuzz property "an accepted date is an ISO date": "0000-01-01" was read as
  // "0-01-01", and 令和7982年1月1日 as "10000-01-01".
  // The full fuzz run (seed 424242) then found "９９９９年度末": FY 9999 ends on 10000-03-31.
  it.each(["0000-01-01", "令和7982年1月1日", "９９９９年度末"])("refuses %s", (text) => {
    expect(parseJapaneseDate(text)).toMatchObject({
      ok: false,
      error: expect.stringContaining("out of range") as string,
    });
  });

  it("writes a year before 1000 with four digits", () => {
    expect(parseJapaneseDate("0999-04-01")).toEqual({ ok: true, value: "0999-04-01" });
  });
});

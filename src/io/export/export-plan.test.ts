import { describe, expect, it } from "vitest";
import { kadoma } from "../../test/fixtures.js";
import { contentDisposition, fileNameFor } from "./export-plan.js";

describe("download names", () => {
  const named = (title: string) => {
    const doc = kadoma();
    doc.plan.title = title;
    return fileNameFor(doc, "xlsx");
  };

  it("keep a person's title as it reads", () => {
    expect(named("門真市ものづくり産業振興計画 アクションプラン")).toBe(
      `門真市ものづくり産業振興計画_アクションプラン_${kadoma().plan.asOf}.xlsx`,
    );
  });

  it.each([
    ["right-to-left override", "\u202E"],
    ["left-to-right override", "\u202D"],
    ["embeddings", "\u202A\u202B\u202C"],
    ["isolates", "\u2066\u2067\u2068\u2069"],
    ["directional marks", "\u200E\u200F\u061C"],
    ["zero-width characters", "\u200B\u200D\uFEFF"],
    ["C0 and C1 controls", "\u0000\u0007\u001b\u007f\u0085\u009b"],
    ["line and paragraph separators", "\u2028\u2029"],
  ])("lose %s", (_what, chars) => {
    const name = named(`計画${chars}xslx.exe`);
    expect(name).toBe(`計画xslx.exe_${kadoma().plan.asOf}.xlsx`);
    expect(name).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
    const doc = kadoma();
    doc.plan.title = `計画${chars}`;
    const header = contentDisposition({ fileName: fileNameFor(doc, "csv"), asciiFileName: "kadoma.csv" });
    expect(decodeURIComponent(header.split("''")[1]!)).toBe(`計画_${kadoma().plan.asOf}.csv`);
  });
});

import { describe, expect, it } from "vitest";
import { containsPattern, normalizeForSearch, searchDocument, searchTerms } from "./normalize.js";

describe("search normalization", () => {
  it("folds full-width and half-width forms and case", () => {
    expect(normalizeForSearch("ＤＸ推進")).toBe("dx推進");
    expect(normalizeForSearch("Dx")).toBe(normalizeForSearch("ｄｘ"));
    expect(normalizeForSearch("ｶﾄﾞﾏｲｽﾀｰ")).toBe("カドマイスター");
  });

  it("joins words the extraction split across lines", () => {
    expect(normalizeForSearch("【事業 承継】")).toContain("事業承継");
  });

  it("splits queries on half- and full-width spaces and drops duplicates", () => {
    expect(searchTerms("ＤＸ　補助 dx")).toEqual(["dx", "補助"]);
    expect(searchTerms("   ")).toEqual([]);
  });

  it("keeps fields apart so a term never spans two of them", () => {
    const doc = searchDocument(["溶", "接"]);
    expect(doc.includes("溶接")).toBe(false);
  });

  it("escapes LIKE wildcards", () => {
    expect(containsPattern("100%_a\\b")).toBe("%100\\%\\_a\\\\b%");
  });
});

import { describe, expect, it } from "vitest";
import { formats } from "./format.js";
import { chooseLang, messages } from "./i18n.js";

describe("chooseLang", () => {
  it("is Japanese by default", () => {
    expect(chooseLang(null, undefined)).toEqual({ lang: "ja", remember: null });
  });

  it("takes ?lang= and remembers it; the cookie decides after that", () => {
    const chosen = chooseLang("en", undefined);
    expect(chosen.lang).toBe("en");
    expect(chosen.remember).toMatch(/^lang=en;/);
    expect(chooseLang(null, "a=1; lang=en")).toEqual({ lang: "en", remember: null });
    expect(chooseLang("ja", "lang=en").lang).toBe("ja");
  });

  it("ignores values it does not know", () => {
    expect(chooseLang("fr", "lang=<script>")).toEqual({ lang: "ja", remember: null });
  });
});

describe("catalogues", () => {
  it("label every key in both languages", () => {
    const ja = messages("ja");
    const en = messages("en");
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    for (const [key, value] of Object.entries(en)) {
      if (key === "contentLanguageNote") continue; // only English readers need it
      if (typeof value === "string") expect(value, key).not.toBe("");
    }
  });
});

describe("formats", () => {
  it("writes fiscal years in era and western form", () => {
    expect(formats("ja").fyBoth(2024)).toBe("令和6年度（2024年度）");
    expect(formats("ja").fyHeader(2019)).toEqual(["令和元年度", "2019"]);
    expect(formats("ja").fySpan(2024, 2028)).toBe("令和6年度〜令和10年度（2024〜2028年度）");
    expect(formats("en").fyHeader(2024)).toEqual(["FY2024", "Reiwa 6"]);
    expect(formats("en").date("2025-02-28")).toBe("28 February 2025");
  });
});

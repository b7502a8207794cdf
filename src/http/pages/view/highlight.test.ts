import { describe, expect, it } from "vitest";
import { excerpt, matchRanges } from "./highlight.js";

describe("matchRanges", () => {
  it("finds a term whatever its width or case, in the original positions", () => {
    expect(matchRanges("ＤＸ推進とdx人材", ["dx"])).toEqual([
      [0, 2],
      [5, 7],
    ]);
  });

  it("finds words the source split with a space", () => {
    const text = "事業 承継の相談";
    const [range] = matchRanges(text, ["事業承継"]);
    expect(text.slice(range![0], range![1])).toBe("事業 承継");
  });

  it("merges overlapping matches", () => {
    expect(matchRanges("溶接技術", ["溶接", "接技"])).toEqual([[0, 3]]);
  });
});

describe("excerpt", () => {
  it("marks the terms and crops around the first one", () => {
    const text = `${"あ".repeat(50)}万博に出展${"い".repeat(200)}`;
    const segments = excerpt(text, "万博")!;
    expect(segments[0]).toEqual({ text: "…", mark: false });
    expect(segments.find((s) => s.mark)).toEqual({ text: "万博", mark: true });
    expect(segments[segments.length - 1]).toEqual({ text: "…", mark: false });
  });

  it("returns null when no term occurs", () => {
    expect(excerpt("溶接", "創業")).toBeNull();
    expect(excerpt("溶接", "")).toBeNull();
  });
});

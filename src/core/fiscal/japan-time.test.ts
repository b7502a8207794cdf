import { describe, expect, it } from "vitest";
import { japanDateTime } from "./index.js";

describe("japanDateTime", () => {
  it("shows a timestamp in Japan's time, crossing midnight and the fiscal year", () => {
    expect(japanDateTime("2026-03-20T09:05:00.000Z")).toEqual({ date: "2026-03-20", time: "18:05" });
    expect(japanDateTime("2026-03-31T15:30:00Z")).toEqual({ date: "2026-04-01", time: "00:30" });
  });

  it("refuses what is not a timestamp", () => {
    expect(() => japanDateTime("yesterday")).toThrow(RangeError);
  });
});

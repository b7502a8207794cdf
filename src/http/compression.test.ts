import { gunzipSync, brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { negotiate, Precompressed } from "./compression.js";

describe("compression", () => {
  it("picks brotli, then gzip, honouring q=0", () => {
    expect(negotiate("gzip, deflate, br")).toBe("br");
    expect(negotiate("gzip")).toBe("gzip");
    expect(negotiate("br;q=0, gzip;q=0.5")).toBe("gzip");
    expect(negotiate("identity")).toBeNull();
    expect(negotiate(undefined)).toBeNull();
    expect(negotiate("*")).toBe("br");
  });

  it("keeps compressed forms that decompress to the same bytes", () => {
    const body = Buffer.from("門真市".repeat(2_000));
    const p = new Precompressed(body);
    expect(gunzipSync(p.get("gzip"))).toEqual(body);
    expect(brotliDecompressSync(p.get("br"))).toEqual(body);
    expect(p.get("br").length).toBeLessThan(body.length / 10);
    expect(p.get("br")).toBe(p.get("br"));
  });
});

import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPlan } from "../../core/plan/plan.service.js";
import { kadoma, smallPlan } from "../../test/fixtures.js";
import { PageCache } from "./page-cache.js";
import { startPagesApp, type PagesApp } from "./testing/page-fixtures.js";

describe("cached public pages", () => {
  let t: PagesApp;
  beforeAll(async () => {
    t = await startPagesApp("sqlite");
  });
  afterAll(async () => t.close());
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: "GET", url, headers: { accept: "text/html", ...headers } });

  it("serves the same page again, and the new page as soon as the plan changes", async () => {
    const first = await get("/plans/kadoma/table");
    expect((await get("/plans/kadoma/table")).body).toBe(first.body);
    const changed = kadoma();
    changed.actions[0]!.name = "名称を変更したアクション";
    await t.db.db.transaction().execute((trx) => importPlan(trx, changed));
    const after = await get("/plans/kadoma/table");
    expect(after.body).toContain("名称を変更したアクション");
    expect(after.body).not.toBe(first.body);
  });

  it("shows a newly imported plan on the cached home page at once", async () => {
    expect((await get("/")).body).not.toContain("テスト市");
    await t.db.db.transaction().execute((trx) => importPlan(trx, smallPlan()));
    expect((await get("/")).body).toContain("テスト市");
  });

  it("keeps languages apart and compresses for clients that accept it", async () => {
    const en = await get("/plans/kadoma?lang=en");
    const ja = await get("/plans/kadoma");
    expect(en.body).toContain('<html lang="en">');
    expect(ja.body).toContain('<html lang="ja">');
    const br = await get("/plans/kadoma", { "accept-encoding": "br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.rawPayload).toString("utf8")).toBe(ja.body);
  });

  it("drops the least recently used pages past its size", () => {
    const cache = new PageCache(1_000);
    cache.set("a", "x".repeat(100));
    cache.set("b", "y".repeat(100));
    expect(cache.get("a")).toBeDefined();
    for (let i = 0; i < 12; i++) cache.set(`k${i}`, "z".repeat(100));
    expect(cache.get("b")).toBeUndefined();
  });
});

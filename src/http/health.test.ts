import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../db/connection.js";
import { testApp } from "../test/app.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../test/databases.js";

describe.each(testDialects)("health and readiness on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("stays live but turns unready when the database stops answering", async () => {
    // A second handle on the same database, closed under the app as a lost database would be.
    const handle = await openDatabase(t.url);
    const app = await testApp({ ...t, db: handle.db });
    expect((await app.inject({ method: "GET", url: "/ready" })).json()).toEqual({ status: "ready" });
    await handle.close();
    const ready = await app.inject({ method: "GET", url: "/ready" });
    expect([ready.statusCode, ready.json()]).toEqual([503, { status: "unavailable" }]);
    const health = await app.inject({ method: "GET", url: "/health" });
    expect([health.statusCode, health.json()]).toEqual([200, { status: "ok" }]);
    await app.close();
  });
});

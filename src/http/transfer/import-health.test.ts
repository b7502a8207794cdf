import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import { PlanCache } from "../../core/plan/plan.cache.js";
import { exportCsv } from "../../io/csv/csv-export.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { largePlan } from "../../test/large-plan.js";
import { registerApiRoutes } from "../api/route.js";
import { createApp } from "../app.js";
import { installErrorHandler } from "../errors.js";
import { transferApiRoutes } from "./transfer.api.js";

// Parsing an upload used to run on the event loop: a 10 MB CSV (5,000 actions) held every other
// request for seconds. It now runs in a worker thread, and /health answers within a second
// throughout. The bound is the (a second); the import's own time is not asserted.

const COUNT = 5_000;

describe.each(testDialects)("/health during a heavy import, on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let manager: FastifyInstance;
  let bytes: Buffer;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    app = await createApp({ config: loadConfig({ LOG_LEVEL: "silent" }), db: t.db });
    manager = Fastify({ bodyLimit: 30 * 1024 * 1024 });
    installErrorHandler(manager);
    const routes = transferApiRoutes({ db: t.db, plans: new PlanCache(t.db), bodyLimit: 20 * 1024 * 1024 });
    registerApiRoutes(manager, routes, async () => ({
      accountId: "a1",
      email: "staff@city.example",
      role: "plan_manager",
    }));
    bytes = Buffer.from(exportCsv(largePlan(COUNT)));
  });
  afterAll(async () => {
    await app.close();
    await manager.close();
    await t.close();
  });

  it("answers within a second while a 5,000-action CSV is read", { timeout: 120_000 }, async () => {
    let done = false;
    const importing = manager
      .inject({
        method: "POST",
        url: "/api/v1/plans/large/import/preview?name=large.csv",
        payload: bytes,
        headers: { "content-type": "text/csv" },
      })
      .finally(() => {
        done = true;
      });
    const waits: number[] = [];
    while (!done) {
      const start = performance.now();
      const health = await app.inject({ method: "GET", url: "/health" });
      waits.push(performance.now() - start);
      expect(health.statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const res = await importing;
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ outcome: string; changes: { actions: { created: unknown[] } } }>()).toMatchObject({
      outcome: "created",
      changes: { actions: { created: { length: COUNT } } },
    });
    // The import took long enough for /health to be asked several times, each answered in time.
    expect(waits.length).toBeGreaterThan(5);
    expect(Math.max(...waits)).toBeLessThan(1000);
  });
});

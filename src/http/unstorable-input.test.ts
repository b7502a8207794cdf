import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPlan } from "../core/plan/plan.service.js";
import { serializePlan } from "../core/plan/plan.serialize.js";
import { exportCsv } from "../io/csv/csv-export.js";
import { asBrowser, sessionFor, TEST_PASSWORD, testAccount } from "../test/accounts.js";
import { as, testApp, testAuthenticate } from "../test/app.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../test/databases.js";
import { kadoma } from "../test/fixtures.js";

/**
 * U+0000 (NUL) anywhere a person types or uploads: PostgreSQL answered 500 and SQLite stored it.
 * Now both refuse it with a 400 that names the place, and write nothing.
 */
const NUL = "\u0000";

interface ErrorJson {
  error: { code: string; message: string; issues: { path: string; message: string }[] };
}

describe.each(testDialects)("text that cannot be stored, on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let staff: FastifyInstance;
  const manager = as("plan_manager");

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    app = await testApp(t);
    staff = await testApp(t, { authenticate: testAuthenticate, owns: async () => false });
  });
  afterAll(async () => {
    await app.close();
    await staff.close();
    await t.close();
  });

  /** A 400 whose first issue is at `path` and speaks of NUL. */
  async function expectRefused(on: FastifyInstance, request: InjectOptions, path: string | RegExp) {
    const res = await on.inject(request);
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json<ErrorJson>();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.issues[0]!.path).toMatch(
      typeof path === "string" ? new RegExp(`^${path.replace(/[.[\]]/g, "\\$&")}$`) : path,
    );
    expect(body.error.issues[0]!.message).toContain("NUL character (U+0000)");
  }
  const actionName = async (n: number) =>
    (await app.inject({ url: `/api/v1/plans/kadoma/actions/${n}` })).json<{ name: string }>().name;

  it("refuses it in a search, in the API and on the search page", async () => {
    await expectRefused(app, { url: `/api/v1/search?q=${encodeURIComponent(`溶接${NUL}`)}` }, "query.q");
    await expectRefused(app, { url: `/api/v1/plans/kadoma/actions?q=%00` }, "query.q");
    const page = await app.inject({ url: "/plans/kadoma/search?q=%00", headers: { accept: "text/html" } });
    expect(page.statusCode).toBe(400);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.body).toContain("query.q");
    // A search without it still answers.
    expect((await app.inject({ url: "/api/v1/search?q=%E6%BA%B6%E6%8E%A5" })).statusCode).toBe(200);
  });

  it("refuses it in the sign-in e-mail, in the API and in the sign-in form", async () => {
    const account = await testAccount(t.db, { role: "viewer" });
    await expectRefused(
      app,
      {
        method: "POST",
        url: "/api/v1/session",
        payload: { email: `${account.email}${NUL}`, password: TEST_PASSWORD },
      },
      "body.email",
    );
    const form = await app.inject({
      method: "POST",
      url: "/sign-in",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      payload: new URLSearchParams({ email: `${account.email}${NUL}`, password: TEST_PASSWORD }).toString(),
    });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain("email");
    expect(form.headers["set-cookie"] ?? "").not.toMatch(/shinko_session=[^;]/);
  });

  it("refuses it in an imported file, naming the place, and leaves the plan as it was", async () => {
    const doc = kadoma();
    doc.actions[2]!.name = `見本${NUL}名`;
    const before = await actionName(doc.actions[2]!.number);
    // A NUL in a CSV's cell is refused naming the row and column (a file of NULs, UTF-16 or
    // binary, is refused as a whole before it is read).
    const csv = await staff.inject({
      method: "POST",
      url: "/api/v1/plans/kadoma/import",
      headers: { ...manager, "content-type": "text/csv" },
      payload: Buffer.from(exportCsv(doc)),
    });
    expect(csv.statusCode, csv.body).toBe(400);
    expect(csv.json<ErrorJson>().error.issues).toEqual([
      {
        path: expect.stringMatching(/^row 4, column [A-Z]+ \(具体的アクション\)$/u) as string,
        message: "the cell holds a control character (U+0000), which a plan cannot keep; remove it",
      },
    ]);
    // In JSON it is an escape (\u0000) inside a valid file: refused at its place.
    await expectRefused(
      staff,
      {
        method: "POST",
        url: "/api/v1/plans/kadoma/import?format=json",
        headers: { ...manager, "content-type": "application/json" },
        payload: Buffer.from(serializePlan(doc)),
      },
      "actions[2].name",
    );
    expect(await actionName(doc.actions[2]!.number)).toBe(before);
  });

  it("refuses it in an action's name and a review's comment, and saves nothing", async () => {
    const edit = (await staff.inject({ url: "/api/v1/plans/kadoma/actions/5/edit", headers: manager })).json<{
      action: { name: string };
      version: number;
    }>();
    await expectRefused(
      staff,
      {
        method: "PUT",
        url: "/api/v1/plans/kadoma/actions/5",
        headers: manager,
        payload: { baseVersion: edit.version, action: { ...edit.action, name: `名${NUL}` } },
      },
      "body.action.name",
    );
    expect(await actionName(5)).toBe(edit.action.name);

    const cycle = await staff.inject({
      method: "POST",
      url: "/api/v1/plans/kadoma/reviews",
      headers: manager,
      payload: { fiscalYear: 2025, asOf: "2026-02-28", deadline: "2099-03-15" },
    });
    expect(cycle.statusCode).toBe(201);
    await expectRefused(
      staff,
      {
        method: "POST",
        url: "/api/v1/plans/kadoma/reviews/2025/actions/5/return",
        headers: manager,
        payload: { baseVersion: 1, comment: `直して${NUL}` },
      },
      "body.comment",
    );
    await expectRefused(
      staff,
      {
        method: "PUT",
        url: "/api/v1/plans/kadoma/reviews/2025/actions/5",
        headers: manager,
        payload: {
          baseVersion: 1,
          content: {
            results: `結果${NUL}`,
            challenges: [],
            grade: null,
            direction: null,
            analysis: "",
            indicators: [],
          },
        },
      },
      "body.content.results",
    );
    const review = (
      await staff.inject({ url: "/api/v1/plans/kadoma/reviews/2025/actions/5", headers: manager })
    ).json<{
      version: number;
    }>();
    expect(review.version).toBe(1);
  });

  it("refuses it in a staff page's form and the audit page's filter, with a page naming the field", async () => {
    const cycle = await staff.inject({
      method: "POST",
      url: "/api/v1/plans/kadoma/reviews",
      headers: manager,
      payload: { fiscalYear: 2026, asOf: "2027-02-28", deadline: "2099-03-15" },
    });
    expect(cycle.statusCode).toBe(201);
    const browser = asBrowser(await sessionFor(t.db, await testAccount(t.db, { role: "admin" })));
    const returned = await app.inject({
      method: "POST",
      url: "/plans/kadoma/reviews/2026/actions/6/return",
      headers: { ...browser, accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ baseVersion: "1", comment: `直して${NUL}` }).toString(),
    });
    expect(returned.statusCode).toBe(400);
    expect(returned.headers["content-type"]).toMatch(/^text\/html/);
    expect(returned.body).toContain("comment: holds a NUL character");
    const review = await staff.inject({
      url: "/api/v1/plans/kadoma/reviews/2026/actions/6",
      headers: manager,
    });
    expect(review.json<{ version: number }>().version).toBe(1);
    const audit = await app.inject({
      url: "/admin/audit?actor=%00",
      headers: { ...browser, accept: "text/html" },
    });
    expect(audit.statusCode).toBe(400);
    expect(audit.body).toContain("query.actor: holds a NUL character");
  });

  it("refuses it in the audit log's filter", async () => {
    await expectRefused(
      staff,
      { url: `/api/v1/audit?actor=${encodeURIComponent(`a${NUL}`)}`, headers: as("admin") },
      "query.actor",
    );
    await expectRefused(
      staff,
      { url: "/api/v1/audit/export?kind=%00", headers: as("admin") },
      /^query\.kind/,
    );
  });
});

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../core/accounts/account.model.js";
import { importPlan } from "../../core/plan/plan.service.js";
import { EMPTY_CONTENT } from "../../core/review/review.schema.js";
import { asBrowser, sessionFor, testAccount, type Credentials } from "../../test/accounts.js";
import { testApp } from "../../test/app.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma } from "../../test/fixtures.js";

const EMAIL = "yamada.taro@city.kadoma.example";
const NAME = "産業振興課 山田";
const FY = 2025;

/**
 * Who changed an action is told as a role to the public (「計画管理者」, `plan_manager`) and as a
 * display name with the role to staff (「産業振興課 山田（計画管理者）」): never an e-mail address,
 * which would also tell anyone whose sign-in to lock.
 */
describe.each(testDialects)("who changed it, on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let manager: Account;
  let staff: Credentials;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma(), { actor: "cli" }));
    app = await testApp(t);
    manager = await testAccount(t.db, { role: "plan_manager", email: EMAIL, displayName: NAME });
    staff = await sessionFor(t.db, manager);
    const edit = await app.inject({
      method: "GET",
      url: "/api/v1/plans/kadoma/actions/5/edit",
      headers: asBrowser(staff),
    });
    const { action, version } = edit.json<{ action: { name: string }; version: number }>();
    const saved = await app.inject({
      method: "PUT",
      url: "/api/v1/plans/kadoma/actions/5",
      headers: asBrowser(staff),
      payload: { baseVersion: version, action: { ...action, name: `${action.name}（改）` } },
    });
    expect(saved.statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const page = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: "GET", url, headers: { accept: "text/html", ...headers } });

  it("the public history API names a role, never the address", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/plans/kadoma/actions/5/history" });
    expect(res.statusCode).toBe(200);
    const versions = res.json<{ versions: { version: number; actor: string }[] }>().versions;
    expect(versions.map((v) => [v.version, v.actor])).toEqual([
      [2, "plan_manager"],
      [1, "system"],
    ]);
    expect(res.body).not.toContain("@");
    expect(res.body).not.toContain("yamada");
  });

  it("the public history page names the role in words", async () => {
    const res = await page("/plans/kadoma/actions/5/history");
    expect(res.statusCode).toBe(200);
    const actors = [...res.body.matchAll(/<td class="versions-table__actor">([^<]*)<\/td>/g)].map(
      (m) => m[1],
    );
    expect(actors).toEqual(["計画管理者", "システム"]);
    expect(res.body).not.toContain(EMAIL);
    expect(res.body).not.toContain("山田");
    const en = await page("/plans/kadoma/actions/5/history?lang=en");
    expect(
      [...en.body.matchAll(/<td class="versions-table__actor">([^<]*)<\/td>/g)].map((m) => m[1]),
    ).toEqual(["Plan manager", "System"]);
  });

  it("staff see the display name and role, still without the address", async () => {
    const res = await page("/plans/kadoma/actions/5/history", { cookie: staff.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<td class="versions-table__actor">${NAME}（計画管理者）</td>`);
    expect(res.body).not.toContain(EMAIL);
  });

  it("the review pages name the last editor without the address", async () => {
    const opened = await app.inject({
      method: "POST",
      url: "/api/v1/plans/kadoma/reviews",
      headers: asBrowser(staff),
      payload: { fiscalYear: FY, asOf: "2026-02-28", deadline: "2099-03-15" },
    });
    expect(opened.statusCode).toBe(201);
    const review = await app.inject({
      method: "GET",
      url: `/api/v1/plans/kadoma/reviews/${FY}/actions/5`,
      headers: asBrowser(staff),
    });
    const saved = await app.inject({
      method: "PUT",
      url: `/api/v1/plans/kadoma/reviews/${FY}/actions/5`,
      headers: asBrowser(staff),
      payload: {
        baseVersion: review.json<{ version: number }>().version,
        content: { ...EMPTY_CONTENT, results: "説明会を2回開いた" },
      },
    });
    expect(saved.statusCode).toBe(200);
    const viewer = await sessionFor(t.db, await testAccount(t.db, { role: "viewer" }));
    for (const url of [`/plans/kadoma/reviews/${FY}/actions/5`, `/plans/kadoma/reviews/${FY}`]) {
      const res = await page(url, { cookie: viewer.cookie });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain(`${NAME}（計画管理者）`);
      expect(res.body, url).not.toContain(EMAIL);
    }
  });
});

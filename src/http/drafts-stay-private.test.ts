import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPlan } from "../core/plan/plan.service.js";
import { listZipEntries, readZipEntry } from "../io/zip/zip-reader.js";
import { openCycle } from "../core/review/cycle.service.js";
import { publishReviews } from "../core/review/publish.js";
import type { Actor } from "../core/review/review.permissions.js";
import { findReview } from "../core/review/review.repository.js";
import { EMPTY_CONTENT } from "../core/review/review.schema.js";
import { approveReview, saveDraft, submitReview } from "../core/review/review.service.js";
import type { Db } from "../core/plan/plan.repository.js";
import { sessionFor, testAccount } from "../test/accounts.js";
import { testApp } from "../test/app.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../test/databases.js";
import { kadoma } from "../test/fixtures.js";

const manager: Actor = { id: "manager", role: "plan_manager", name: "manager@city.example" };
const FY = 2025;
/** Words that occur nowhere in Kadoma's plan, one per state a review can be in before publication. */
const SECRET = { draft: "下書機密語", submitted: "提出機密語", approved: "承認機密語" } as const;

/** Every public way to read the plan: pages, API, search, downloads, history. */
const PUBLIC_URLS = [
  "/",
  "/plans/kadoma",
  "/plans/kadoma/table",
  "/plans/kadoma/roadmap",
  ...[5, 6, 7].map((n) => `/plans/kadoma/actions/${n}`),
  ...Object.values(SECRET).map((w) => `/plans/kadoma/search?q=${encodeURIComponent(w)}`),
  "/api/v1/plans",
  "/api/v1/plans/kadoma",
  "/api/v1/plans/kadoma/actions",
  ...[5, 6, 7].map((n) => `/api/v1/plans/kadoma/actions/${n}`),
  ...Object.values(SECRET).map((w) => `/api/v1/plans/kadoma/actions?q=${encodeURIComponent(w)}`),
  ...Object.values(SECRET).map((w) => `/api/v1/search?q=${encodeURIComponent(w)}`),
  ...[5, 6, 7].map((n) => `/api/v1/plans/kadoma/actions/${n}/history`),
  "/api/v1/plans/kadoma/compare?from=2020&to=2099-12-31",
  "/api/v1/plans/kadoma/indicators",
  "/api/v1/plans/kadoma/export.csv",
  "/api/v1/plans/kadoma/export?format=json",
  "/api/v1/plans/kadoma/export.xlsx",
  `/api/v1/plans/kadoma/export.xlsx?reviewYear=${FY}`,
  `/plans/kadoma/indicators`,
  ...[5, 6, 7].map((n) => `/plans/kadoma/actions/${n}/history`),
  "/plans/kadoma/compare?from=2020",
];

/**
 * A public visitor never sees a review before the plan manager publishes it: not on a page,
 * through the API, in search, in the downloads, nor in the history. Once published, it shows
 * (so the test can tell).
 */
describe.each(testDialects)("unpublished reviews on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;

  const write = async (number: number, results: string) => {
    const step = (fn: (trx: Db, version: number) => Promise<unknown>) =>
      t.db
        .transaction()
        .execute(async (trx) => fn(trx, (await findReview(trx, "kadoma", FY, number))!.version));
    await step((trx, baseVersion) =>
      saveDraft(
        trx,
        "kadoma",
        FY,
        number,
        { baseVersion, content: { ...EMPTY_CONTENT, results } },
        { actor: manager },
      ),
    );
    return step;
  };

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    app = await testApp(t);
    await t.db
      .transaction()
      .execute((trx) =>
        openCycle(
          trx,
          "kadoma",
          { fiscalYear: FY, asOf: "2026-02-28", deadline: "2099-03-15" },
          { actor: manager },
        ),
      );
    await write(5, `相談 ${SECRET.draft}`);
    const submitted = await write(6, `相談 ${SECRET.submitted}`);
    await submitted((trx, v) => submitReview(trx, "kadoma", FY, 6, v, { actor: manager }));
    const approved = await write(7, `相談 ${SECRET.approved}`);
    await approved((trx, v) => submitReview(trx, "kadoma", FY, 7, v, { actor: manager }));
    await approved((trx, v) => approveReview(trx, "kadoma", FY, 7, v, { actor: manager }));
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  /** What a reader gets, as text: the body, or every file inside a workbook (xlsx is a zip). */
  const read = async (url: string, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method: "GET", url, headers });
    expect(res.statusCode, url).toBe(200);
    if (url.includes(".xlsx")) {
      const bytes = res.rawPayload;
      return listZipEntries(bytes)
        .map((entry) => readZipEntry(bytes, entry).toString("utf8"))
        .join("\n");
    }
    return decodeURIComponent(res.body.replace(/%(?![0-9A-F]{2})/gi, "%25"));
  };

  /** The page or document without the search words it echoes back (the search box, the query). */
  const shown = async (url: string) => {
    const body = await read(url);
    const asked = new URL(url, "http://x").searchParams.get("q");
    return asked ? body.split(asked).join("") : body;
  };

  it.each(PUBLIC_URLS)("%s shows no unpublished review", async (url) => {
    const body = await shown(url);
    for (const word of Object.values(SECRET)) expect(body, url).not.toContain(word);
  });

  it.each(Object.entries(SECRET))("search finds nothing for the %s review's words", async (_state, word) => {
    const page = await read(`/plans/kadoma/search?q=${encodeURIComponent(word)}`);
    expect(page).toContain('data-total="0"');
    const api = JSON.parse(await read(`/api/v1/plans/kadoma/actions?q=${encodeURIComponent(word)}`)) as {
      total: number;
    };
    expect(api.total).toBe(0);
  });

  it("shows the reviews to signed-in staff through the review API", async () => {
    const creds = await sessionFor(t.db, await testAccount(t.db, { role: "viewer" }));
    const body = await read(`/api/v1/plans/kadoma/reviews/${FY}/actions/5`, { cookie: creds.cookie });
    expect(body).toContain(SECRET.draft);
    expect(
      (await app.inject({ method: "GET", url: `/api/v1/plans/kadoma/reviews/${FY}/actions/5` })).statusCode,
    ).toBe(401);
  });

  it("shows a review to the public once it is published, and still none of the others", async () => {
    await t.db.transaction().execute((trx) => publishReviews(trx, "kadoma", FY, { actor: manager }));
    expect(await read("/plans/kadoma/actions/7")).toContain(SECRET.approved);
    expect(await read("/api/v1/plans/kadoma")).toContain(SECRET.approved);
    expect(await read(`/api/v1/plans/kadoma/export.xlsx?reviewYear=${FY}`)).toContain(SECRET.approved);
    expect(await read(`/api/v1/search?q=${encodeURIComponent(SECRET.approved)}`)).toContain("kadoma");
    for (const url of PUBLIC_URLS) {
      const body = await shown(url);
      expect(body, url).not.toContain(SECRET.draft);
      expect(body, url).not.toContain(SECRET.submitted);
    }
  });
});

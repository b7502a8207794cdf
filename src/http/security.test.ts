import { sql } from "kysely";
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../test/app.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../test/databases.js";
import { CONTENT_SECURITY_POLICY } from "./security-headers.js";

/** Every response, whatever went wrong, carries the security headers and a JSON error without internals. */
describe.each(testDialects)("security of every response on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    app = await testApp(t);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const cases: [string, InjectOptions, number, string][] = [
    ["a page of data", { method: "GET", url: "/api/v1/plans" }, 200, ""],
    // Outside /api/ a wrong path gets the HTML 404 page (pages tests); the API answers JSON.
    ["an unknown route", { method: "GET", url: "/api/v1/nowhere" }, 404, "not_found"],
    [
      "a validation error",
      { method: "GET", url: "/api/v1/plans/kadoma/actions?fiscalYear=someday" },
      400,
      "validation_failed",
    ],
    [
      "broken JSON",
      {
        method: "POST",
        url: "/api/v1/session",
        headers: { "content-type": "application/json" },
        payload: '{"email": ',
      },
      400,
      "bad_request",
    ],
    [
      "a body over the route's limit",
      {
        method: "POST",
        url: "/api/v1/session",
        payload: { email: "a@b.example", password: "x".repeat(20_000) },
      },
      413,
      "too_large",
    ],
    [
      "an unsupported content type",
      {
        method: "POST",
        url: "/api/v1/session",
        headers: { "content-type": "application/xml" },
        payload: "<a/>",
      },
      415,
      "unsupported_format",
    ],
    [
      "a malformed URL (before routing)",
      { method: "GET", url: "/api/v1/plans/%E0%A4%A" },
      400,
      "bad_request",
    ],
    [
      "an over-long path parameter (before routing)",
      { method: "GET", url: `/api/v1/plans/${"x".repeat(150)}` },
      414,
      "bad_request",
    ],
    ["a refused sign-in", { method: "GET", url: "/api/v1/accounts" }, 401, "unauthorized"],
  ];

  it.each(cases)("%s: status, security headers, JSON error", async (_what, request, status, code) => {
    const res = await app.inject(request);
    expect(res.statusCode).toBe(status);
    expect(res.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    if (code) {
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expect(res.json()).toMatchObject({ error: { code } });
      expect(res.body).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
    }
  });

  it("never sends HSTS over plain HTTP", async () => {
    const res = await app.inject({ method: "GET", url: "/health" });
    expect(res.headers["strict-transport-security"]).toBeUndefined();
  });

  it("answers a database failure with a 500 that shows neither SQL nor the driver's message", async () => {
    const scratch = await openTestDatabase(dialect);
    const broken = await testApp(scratch);
    try {
      await sql`alter table plans rename to plans_gone`.execute(scratch.db);
      const res = await broken.inject({ method: "GET", url: "/api/v1/plans" });
      expect(res.statusCode).toBe(500);
      const body = res.json<{ error: { code: string; message: string; requestId: string } }>();
      expect(body.error).toEqual({
        code: "internal_error",
        message: "Something went wrong on the server. It has been logged.",
        requestId: expect.any(String) as string,
      });
      expect(res.body).not.toMatch(/plans|select|relation|no such table|sqlite|postgres/i);
      expect(res.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    } finally {
      await broken.close();
      await scratch.close();
    }
  });
});

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSetupToken } from "../../core/accounts/setup.service.js";
import { ACCOUNT_AUDIT_KINDS, recordAudit, systemActor } from "../../core/audit/audit.js";
import { importPlan } from "../../core/plan/plan.service.js";
import { asBrowser, sessionCookieFrom, TEST_PASSWORD, type Credentials } from "../../test/accounts.js";
import { testApp } from "../../test/app.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma } from "../../test/fixtures.js";

interface Entry {
  kind: string;
  actor: { id: string | null; label: string };
  subject: { type: string; id: string } | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/**
 * One life of a fresh installation, through the API only: setup, sign-ins, account changes,
 * tokens, assignments, sign-outs. Every kind of event the accounts code records must show up in
 * the audit log with who did it and to what.
 */
describe.each(testDialects)("the audit log through the API on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Credentials;
  let entries: Entry[];

  const inject = (
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
    url: string,
    creds?: Credentials,
    payload?: object,
  ) => app.inject({ method, url, headers: creds ? asBrowser(creds) : {}, ...(payload ? { payload } : {}) });
  const signIn = async (email: string, password = TEST_PASSWORD): Promise<Credentials> => {
    const res = await inject("POST", "/api/v1/session", undefined, { email, password });
    expect(res.statusCode, res.body).toBe(200);
    return {
      cookie: `shinko_session=${sessionCookieFrom(res.headers["set-cookie"])}`,
      csrf: res.json<{ csrfToken: string }>().csrfToken,
    };
  };

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    app = await testApp(t);

    const setup = await createSetupToken(t.db);
    const created = await inject("POST", "/api/v1/setup", undefined, {
      token: setup!.token,
      email: "admin@city.example",
      displayName: "管理者",
      password: TEST_PASSWORD,
    });
    expect(created.statusCode, created.body).toBe(201);
    admin = await signIn("admin@city.example");

    const made = await inject("POST", "/api/v1/accounts", admin, {
      email: "owner@city.example",
      role: "viewer",
      password: "first password 2025",
    });
    const ownerId = made.json<{ account: { id: string } }>().account.id;
    await inject("PATCH", `/api/v1/accounts/${ownerId}`, admin, {
      displayName: "担当 太郎",
      role: "action_owner",
    });
    await inject("PUT", `/api/v1/plans/kadoma/actions/7/owners/${ownerId}`, admin);
    await inject("DELETE", `/api/v1/plans/kadoma/actions/7/owners/${ownerId}`, admin);
    await inject("PATCH", `/api/v1/accounts/${ownerId}`, admin, { disabled: true });
    await inject("PATCH", `/api/v1/accounts/${ownerId}`, admin, { disabled: false });
    await inject("POST", `/api/v1/accounts/${ownerId}/password-reset`, admin, {
      newPassword: "reset password 2025",
    });

    const owner = await signIn("owner@city.example", "reset password 2025");
    const changed = await inject("PUT", "/api/v1/account/password", owner, {
      currentPassword: "reset password 2025",
      newPassword: "a passphrase of my very own",
    });
    const ownerFresh: Credentials = {
      cookie: `shinko_session=${sessionCookieFrom(changed.headers["set-cookie"])}`,
      csrf: changed.json<{ csrfToken: string }>().csrfToken,
    };
    const token = await inject("POST", "/api/v1/account/tokens", ownerFresh, {
      name: "連携",
      scope: "read",
      expiresInDays: 30,
    });
    await inject(
      "DELETE",
      `/api/v1/account/tokens/${token.json<{ token: { id: string } }>().token.id}`,
      ownerFresh,
    );
    await inject("DELETE", "/api/v1/session", ownerFresh);
    await signIn("owner@city.example", "a passphrase of my very own");
    const again = await signIn("owner@city.example", "a passphrase of my very own");
    await inject("DELETE", "/api/v1/account/sessions", again);

    for (let i = 0; i < 5; i++)
      await inject("POST", "/api/v1/session", undefined, {
        email: "nobody@city.example",
        password: `guess ${i} guess`,
      });
    await inject("GET", "/api/v1/audit/export?format=json", admin);

    const res = await inject("GET", "/api/v1/audit?limit=1000", admin);
    entries = res.json<{ entries: Entry[] }>().entries;
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it.each(ACCOUNT_AUDIT_KINDS)("records %s", (kind) => {
    expect(entries.map((e) => e.kind)).toContain(kind);
  });

  it("says who did what to whom, from where", () => {
    const role = entries.find((e) => e.kind === "account.role_changed")!;
    expect(role.actor.label).toBe("admin@city.example");
    expect(role.subject?.type).toBe("account");
    expect(role.details).toMatchObject({ email: "owner@city.example", from: "viewer", to: "action_owner" });
    expect(role.ip).toBe("127.0.0.1");
    const failed = entries.filter((e) => e.kind === "sign_in.failed");
    expect(failed.every((e) => e.actor.id === null && e.actor.label === "nobody@city.example")).toBe(true);
    expect(entries.find((e) => e.kind === "setup.completed")?.actor.label).toBe("admin@city.example");
    expect(entries.find((e) => e.kind === "account.created" && e.actor.label === "setup link")).toBeDefined();
  });

  it("never holds a password or a token's secret", async () => {
    const raw = JSON.stringify(await t.db.selectFrom("audit_log").selectAll().execute());
    for (const secret of [
      TEST_PASSWORD,
      "first password 2025",
      "reset password 2025",
      "a passphrase of my very own",
      "shinko_pat_",
    ]) {
      expect(raw).not.toContain(secret);
    }
  });

  it("filters by kind, actor and date through the query", async () => {
    const res = await inject(
      "GET",
      "/api/v1/audit?kind=account.*&actor=admin@city.example&from=2000-01-01",
      admin,
    );
    const kinds = new Set(res.json<{ entries: Entry[] }>().entries.map((e) => e.kind));
    expect([...kinds].sort()).toEqual([
      "account.created",
      "account.disabled",
      "account.enabled",
      "account.password_reset",
      "account.role_changed",
      "account.updated",
    ]);
    const none = await inject("GET", "/api/v1/audit?to=2000-01-01", admin);
    expect(none.json()).toEqual({ total: 0, entries: [] });
    const bad = await inject("GET", "/api/v1/audit?from=last-week", admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { issues: [{ path: "query.from" }] } });
  });

  it("exports CSV that Excel opens safely: BOM, header, formulas defused", async () => {
    await recordAudit(t.db, {
      kind: "sign_in.failed",
      actor: systemActor('=HYPERLINK("http://evil")'),
      details: { note: "a,b" },
    });
    const res = await inject("GET", "/api/v1/audit/export?kind=sign_in.failed", admin);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(
      /^attachment; filename="shinko-audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const text = res.rawPayload.toString("utf8");
    expect(text.startsWith("\uFEFFat,kind,actor,actor_id,ip,subject_type,subject_id,details\r\n")).toBe(true);
    const rows = text.trimEnd().split("\r\n");
    expect(rows.length).toBe(1 + 6);
    expect(rows.at(-1)).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(rows.at(-1)).toContain(`"{""note"":""a,b""}"`);
  });

  it("exports JSON with the filter it used, and records each export", async () => {
    const before = entries.filter((e) => e.kind === "audit.exported").length;
    const res = await inject("GET", "/api/v1/audit/export?format=json&kind=token.*", admin);
    const doc = res.json<{ format: string; entries: Entry[]; filter: { kinds: string[] } }>();
    expect(doc.format).toBe("shinko-audit/1");
    expect(doc.filter.kinds).toEqual(["token.*"]);
    expect(doc.entries.map((e) => e.kind)).toEqual(["token.created", "token.revoked"]);
    const after = await inject("GET", "/api/v1/audit?kind=audit.exported", admin);
    expect(after.json<{ total: number }>().total).toBeGreaterThan(before);
  });
});

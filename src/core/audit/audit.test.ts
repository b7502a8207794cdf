import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../test/clock.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { HOUR } from "../clock.js";
import { parseWith } from "../validation.js";
import { auditFilterSchema, toAuditFilter } from "./audit-filter.js";
import { recordAudit, systemActor } from "./audit.js";
import { allAudit, listAudit } from "./audit.query.js";

describe.each(testDialects)("audit log on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    // 2025-03-31 23:30 and 2025-04-01 00:30 Japan time, and a day later.
    const clock = new TestClock("2025-03-31T14:30:00.000Z");
    const alice = { accountId: "a1", label: "alice@city.example" };
    await recordAudit(t.db, { kind: "sign_in.succeeded", actor: alice, ip: "192.0.2.1" }, clock);
    clock.advance(HOUR);
    await recordAudit(
      t.db,
      {
        kind: "account.role_changed",
        actor: alice,
        subject: { type: "account", id: "b2" },
        details: { from: "viewer", to: "admin" },
      },
      clock,
    );
    clock.advance(24 * HOUR);
    await recordAudit(
      t.db,
      { kind: "plan.imported", actor: systemActor("cli:ops"), details: { actions: 45 } },
      clock,
    );
    await recordAudit(
      t.db,
      { kind: "sign_in.failed", actor: systemActor("=cmd|' /C calc'!A0"), details: {} },
      clock,
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const filter = (query: Record<string, string>) =>
    toAuditFilter(parseWith(auditFilterSchema, query, "query"));
  const kinds = async (query: Record<string, string>) =>
    (await listAudit(t.db, filter(query))).entries.map((e) => e.kind);

  it("refuses UPDATE and DELETE in the database itself", async () => {
    await expect(sql`update audit_log set kind = 'x.y'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    if (dialect === "postgres")
      await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    expect((await listAudit(t.db, {})).total).toBe(4);
  });

  it("lists newest first with the total, and pages", async () => {
    const page = await listAudit(t.db, {}, { limit: 2, offset: 1 });
    expect(page.total).toBe(4);
    expect(page.entries.map((e) => e.kind)).toEqual(["plan.imported", "account.role_changed"]);
  });

  it("filters by kind, by area, and by several", async () => {
    expect(await kinds({ kind: "sign_in.failed" })).toEqual(["sign_in.failed"]);
    expect(await kinds({ kind: "sign_in.*" })).toEqual(["sign_in.failed", "sign_in.succeeded"]);
    expect(await kinds({ kind: "plan.imported,account.*" })).toEqual([
      "plan.imported",
      "account.role_changed",
    ]);
  });

  it("filters by actor: account id or the label shown", async () => {
    expect(await kinds({ actor: "a1" })).toEqual(["account.role_changed", "sign_in.succeeded"]);
    expect(await kinds({ actor: "ALICE@city.example" })).toEqual([
      "account.role_changed",
      "sign_in.succeeded",
    ]);
    expect(await kinds({ actor: "cli:ops" })).toEqual(["plan.imported"]);
  });

  it("filters by dates in Japan time, `to` including its whole day", async () => {
    expect(await kinds({ to: "2025-03-31" })).toEqual(["sign_in.succeeded"]);
    expect(await kinds({ from: "2025-04-01", to: "2025-04-01" })).toEqual(["account.role_changed"]);
    expect(await kinds({ from: "2025-04-02" })).toEqual(["sign_in.failed", "plan.imported"]);
    expect(await kinds({ from: "2025-03-31T15:00:00Z", to: "2025-04-01T16:00:00+09:00" })).toEqual([
      "account.role_changed",
    ]);
  });

  it.each([
    [{ kind: "DROP TABLE" }, "query.kind"],
    [{ from: "2025-02-30" }, "query.from"],
    [{ from: "yesterday" }, "query.from"],
    [{ from: "2025-04-02", to: "2025-04-01" }, "query.to"],
    [{ who: "x" }, "query.who"],
  ])("refuses the filter %j, naming %s", (query, path) => {
    expect(() => filter(query)).toThrow(path);
  });

  it("reads everything oldest first for exports", async () => {
    const all = [];
    for await (const e of allAudit(t.db, {}, 3)) all.push(e.kind);
    expect(all).toEqual(["sign_in.succeeded", "account.role_changed", "plan.imported", "sign_in.failed"]);
  });

  it("refuses a kind that is not area.verb", async () => {
    await expect(recordAudit(t.db, { kind: "Imported", actor: systemActor("x") })).rejects.toThrow(
      "area.verb",
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testAccount } from "../../test/accounts.js";
import { TestClock } from "../../test/clock.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { systemActor } from "../audit/audit.js";
import { DAY } from "../clock.js";
import { updateAccount } from "./account.service.js";
import {
  createAccessToken,
  listAccessTokens,
  resolveAccessToken,
  revokeAccessToken,
} from "./token.service.js";

describe.each(testDialects)("access tokens on %s", (dialect) => {
  let t: TestDatabase;
  const acting = { actor: systemActor("test") };
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("shows the secret once, stores only its hash, and resolves it to its account and scope", async () => {
    const clock = new TestClock();
    const account = await testAccount(t.db, { role: "plan_manager" });
    const { token, secret } = await createAccessToken(
      t.db,
      account.id,
      { name: "統計システム連携", scope: "read", expiresInDays: 30 },
      { ...acting, clock },
    );
    expect(secret).toMatch(/^shinko_pat_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ scope: "read", status: "active", expiresAt: "2025-05-01T09:00:00.000Z" });
    const stored = await t.db.selectFrom("access_tokens").selectAll().where("id", "=", token.id).execute();
    expect(JSON.stringify(stored)).not.toContain(secret.slice("shinko_pat_".length));
    const resolved = await resolveAccessToken(t.db, secret, clock);
    expect(resolved.ok && [resolved.account.id, resolved.token.scope]).toEqual([account.id, "read"]);
    expect(JSON.stringify(await listAccessTokens(t.db, account.id, clock))).not.toContain(secret);
  });

  it("stops working when it expires, is revoked, or its account is disabled", async () => {
    const clock = new TestClock();
    const account = await testAccount(t.db);
    const make = () =>
      createAccessToken(
        t.db,
        account.id,
        { name: "x", scope: "write", expiresInDays: 7 },
        { ...acting, clock },
      );
    const expiring = await make();
    const revoked = await make();
    const third = await make();
    await revokeAccessToken(t.db, account.id, revoked.token.id, { ...acting, clock });
    expect(await resolveAccessToken(t.db, revoked.secret, clock)).toEqual({ ok: false, reason: "revoked" });
    clock.advance(7 * DAY);
    expect(await resolveAccessToken(t.db, expiring.secret, clock)).toEqual({ ok: false, reason: "expired" });
    const statuses = (await listAccessTokens(t.db, account.id, clock)).map((x) => x.status).sort();
    expect(statuses).toEqual(["expired", "expired", "revoked"]);

    const other = await testAccount(t.db);
    const live = await createAccessToken(
      t.db,
      other.id,
      { name: "y", scope: "read", expiresInDays: 1 },
      acting,
    );
    await updateAccount(t.db, other.id, { disabled: true }, acting);
    expect(await resolveAccessToken(t.db, live.secret)).toEqual({ ok: false, reason: "account_disabled" });
    expect(await resolveAccessToken(t.db, third.secret.slice(0, -1) + "x", clock)).toEqual({
      ok: false,
      reason: "unknown",
    });
  });

  it.each([
    [{ name: "", scope: "read", expiresInDays: 30 }, "name: must not be empty"],
    [{ name: "x", scope: "admin", expiresInDays: 30 }, "scope: must be read or write"],
    [{ name: "x", scope: "read", expiresInDays: 0 }, "expiresInDays: must be at least 1"],
    [{ name: "x", scope: "read", expiresInDays: 400 }, "expiresInDays: must be at most 366"],
  ])("refuses %j", async (input, message) => {
    const account = await testAccount(t.db);
    await expect(createAccessToken(t.db, account.id, input as never, acting)).rejects.toThrow(message);
  });

  it("lets an account revoke only its own tokens", async () => {
    const [a, b] = [await testAccount(t.db), await testAccount(t.db)];
    const { token } = await createAccessToken(
      t.db,
      a.id,
      { name: "a", scope: "read", expiresInDays: 1 },
      acting,
    );
    await expect(revokeAccessToken(t.db, b.id, token.id, acting)).rejects.toThrow("not found");
  });
});

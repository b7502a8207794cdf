import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testAccount } from "../../test/accounts.js";
import { TestClock } from "../../test/clock.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { HOUR, MINUTE } from "../clock.js";
import {
  createSession,
  deleteExpiredSessions,
  listSessions,
  resolveSession,
  revokeAllSessions,
} from "./session.service.js";

describe.each(testDialects)("sessions on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await t.close();
  });
  const policy = { idleMs: 30 * MINUTE, absoluteMs: 8 * HOUR };

  it("stores only a hash of the token", async () => {
    const account = await testAccount(t.db);
    const session = await createSession(t.db, account.id, { ip: "192.0.2.1", userAgent: "test" }, policy);
    const rows = await t.db.selectFrom("sessions").selectAll().where("account_id", "=", account.id).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(session.token);
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it("ends after the idle time without requests, and stays alive while used", async () => {
    const clock = new TestClock();
    const account = await testAccount(t.db);
    const session = await createSession(t.db, account.id, {}, policy, clock);
    for (let i = 0; i < 6; i++) {
      clock.advance(25 * MINUTE);
      expect(await resolveSession(t.db, session.token, policy, clock)).not.toBeNull();
    }
    clock.advance(31 * MINUTE);
    expect(await resolveSession(t.db, session.token, policy, clock)).toBeNull();
    expect(await listSessions(t.db, account.id)).toEqual([]);
  });

  it("ends at its absolute end however active", async () => {
    const clock = new TestClock();
    const account = await testAccount(t.db);
    const session = await createSession(t.db, account.id, {}, policy, clock);
    for (let i = 0; i < 19; i++) {
      clock.advance(25 * MINUTE);
      expect(await resolveSession(t.db, session.token, policy, clock)).not.toBeNull();
    }
    clock.advance(30 * MINUTE); // 8 h 5 min after sign-in
    expect(await resolveSession(t.db, session.token, policy, clock)).toBeNull();
  });

  it("does not resolve for a disabled account, or an unknown token", async () => {
    const account = await testAccount(t.db, { disabled: true });
    const session = await createSession(t.db, account.id, {}, policy);
    expect(await resolveSession(t.db, session.token, policy)).toBeNull();
    expect(await resolveSession(t.db, "A".repeat(43), policy)).toBeNull();
    expect(await resolveSession(t.db, "", policy)).toBeNull();
  });

  it("ends every session of one account and no other", async () => {
    const [a, b] = [await testAccount(t.db), await testAccount(t.db)];
    const a1 = await createSession(t.db, a.id, {}, policy);
    const a2 = await createSession(t.db, a.id, {}, policy);
    const b1 = await createSession(t.db, b.id, {}, policy);
    expect(await revokeAllSessions(t.db, a.id)).toBe(2);
    expect(await resolveSession(t.db, a1.token, policy)).toBeNull();
    expect(await resolveSession(t.db, a2.token, policy)).toBeNull();
    expect(await resolveSession(t.db, b1.token, policy)).not.toBeNull();
  });

  it("clears out expired sessions", async () => {
    const clock = new TestClock("2030-01-01T00:00:00.000Z");
    const account = await testAccount(t.db);
    await createSession(t.db, account.id, {}, policy, clock);
    clock.advance(HOUR);
    const fresh = await createSession(t.db, account.id, {}, policy, clock);
    expect(await deleteExpiredSessions(t.db, policy, clock)).toBeGreaterThanOrEqual(1);
    expect((await listSessions(t.db, account.id)).map((s) => s.id)).toEqual([fresh.id]);
  });
});

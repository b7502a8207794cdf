import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testAccount, TEST_PASSWORD, TEST_SCRYPT } from "../../test/accounts.js";
import { TestClock } from "../../test/clock.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { listAudit } from "../audit/audit.query.js";
import { MINUTE } from "../clock.js";
import type { DomainError } from "../errors.js";
import { hashPassword, needsRehash } from "./password.js";
import { resolveSession } from "./session.service.js";
import { signIn, WRONG_CREDENTIALS } from "./sign-in.service.js";
import { DEFAULT_SIGN_IN_POLICY, TooManyAttemptsError } from "./throttle.js";

describe.each(testDialects)("sign-in on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  const attempt = (email: string, password: string, clock: TestClock, ip = "192.0.2.1") =>
    signIn(t.db, { email, password, ip }, { clock });
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (error) {
      return error as DomainError;
    }
    throw new Error("expected a refusal");
  };

  it("starts a new session with the right password, whatever the e-mail's case", async () => {
    const clock = new TestClock();
    const account = await testAccount(t.db, { role: "action_owner" });
    const { session } = await attempt(account.email.toUpperCase(), TEST_PASSWORD, clock);
    const found = await resolveSession(t.db, session.token, undefined, clock);
    expect(found?.account.id).toBe(account.id);
    const second = await attempt(account.email, TEST_PASSWORD, clock);
    expect(second.session.token).not.toBe(session.token);
  });

  it("gives the same answer for an unknown e-mail and a wrong password", async () => {
    const clock = new TestClock();
    const account = await testAccount(t.db);
    const unknown = await refusal(attempt("nobody@city.example", TEST_PASSWORD, clock));
    const wrong = await refusal(attempt(account.email, "not the password!", clock));
    expect([unknown.code, unknown.message]).toEqual(["unauthorized", WRONG_CREDENTIALS]);
    expect([wrong.code, wrong.message]).toEqual(["unauthorized", WRONG_CREDENTIALS]);
  });

  it("locks an e-mail address after five wrong passwords, even the right one, for 15 minutes", async () => {
    const clock = new TestClock();
    const account = await testAccount(t.db);
    for (let i = 0; i < 5; i++) {
      expect(
        (await refusal(attempt(account.email, `wrong password ${i}`, clock, `198.51.100.${i}`))).code,
      ).toBe("unauthorized");
    }
    const locked = await refusal(attempt(account.email, TEST_PASSWORD, clock, "198.51.100.99"));
    expect(locked).toBeInstanceOf(TooManyAttemptsError);
    expect((locked as TooManyAttemptsError).retryAfterSeconds).toBe(15 * 60);
    clock.advance(15 * MINUTE + 1000);
    expect((await attempt(account.email, TEST_PASSWORD, clock)).account.id).toBe(account.id);
    const { entries } = await listAudit(t.db, { kinds: ["sign_in.locked"], actor: account.id });
    expect(entries.map((e) => e.details.scope)).toEqual(["account"]);
  });

  it("locks an unknown e-mail address the same way (a lock tells nothing about existence)", async () => {
    const clock = new TestClock();
    for (let i = 0; i < 5; i++)
      await refusal(attempt("ghost@city.example", `guess ${i} guess`, clock, `203.0.113.${i}`));
    expect(
      await refusal(attempt("ghost@city.example", "guess again guess", clock, "203.0.113.50")),
    ).toBeInstanceOf(TooManyAttemptsError);
  });

  it("locks a client address that sprays wrong passwords over many accounts", async () => {
    const clock = new TestClock();
    const policy = {
      ...DEFAULT_SIGN_IN_POLICY,
      ip: { maxFailures: 3, windowMs: 15 * MINUTE, lockMs: 10 * MINUTE },
    };
    const accounts = await Promise.all([1, 2, 3, 4].map(() => testAccount(t.db)));
    const spray = (email: string, password: string) =>
      signIn(t.db, { email, password, ip: "192.0.2.77" }, { clock, throttle: policy });
    for (const a of accounts.slice(0, 3)) await refusal(spray(a.email, "Password2025!!"));
    expect(await refusal(spray(accounts[3]!.email, TEST_PASSWORD))).toBeInstanceOf(TooManyAttemptsError);
    // Another address is not affected.
    const ok = await signIn(
      t.db,
      { email: accounts[3]!.email, password: TEST_PASSWORD, ip: "192.0.2.78" },
      { clock },
    );
    expect(ok.account.id).toBe(accounts[3]!.id);
  });

  it("forgets earlier failures after a successful sign-in", async () => {
    const clock = new TestClock();
    const account = await testAccount(t.db);
    for (let i = 0; i < 4; i++) await refusal(attempt(account.email, `wrong ${i} password`, clock));
    await attempt(account.email, TEST_PASSWORD, clock);
    for (let i = 0; i < 4; i++) await refusal(attempt(account.email, `wrong ${i} password`, clock));
    expect((await attempt(account.email, TEST_PASSWORD, clock)).account.id).toBe(account.id);
  });

  it("refuses a disabled account exactly like a wrong password, right password or not", async () => {
    const clock = new TestClock();
    const account = await testAccount(t.db, { disabled: true });
    const wrong = await refusal(attempt(account.email, "wrong password!!", clock));
    const right = await refusal(attempt(account.email, TEST_PASSWORD, clock));
    expect([wrong.code, wrong.message]).toEqual(["unauthorized", WRONG_CREDENTIALS]);
    expect([right.code, right.message]).toEqual(["unauthorized", WRONG_CREDENTIALS]);
    // It counts towards the lock like any failure, so the lock says nothing either.
    for (let i = 0; i < 3; i++) await refusal(attempt(account.email, TEST_PASSWORD, clock));
    expect(await refusal(attempt(account.email, TEST_PASSWORD, clock))).toBeInstanceOf(TooManyAttemptsError);
    const { entries } = await listAudit(t.db, { kinds: ["sign_in.failed"], actor: account.id });
    expect(entries.map((e) => e.details.reason).reverse()).toEqual([
      "wrong_password",
      "disabled",
      "disabled",
      "disabled",
      "disabled",
    ]);
  });

  it("checks at most five of twenty parallel wrong passwords for one address (counted before checked)", async () => {
    const clock = new TestClock();
    const account = await testAccount(t.db);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        attempt(account.email, `parallel guess ${i}!`, clock, `198.18.0.${i}`),
      ),
    );
    const errors = results.map((r) => (r.status === "rejected" ? (r.reason as DomainError) : null));
    expect(errors.every((e) => e !== null)).toBe(true);
    expect(errors.filter((e) => e!.code === "unauthorized")).toHaveLength(5);
    expect(errors.filter((e) => e instanceof TooManyAttemptsError)).toHaveLength(15);
    const { entries } = await listAudit(t.db, { kinds: ["sign_in.failed"], actor: account.id });
    expect(entries.filter((e) => e.details.reason === "wrong_password")).toHaveLength(5);
    // Still locked for the right password, and open again after the lock.
    expect(await refusal(attempt(account.email, TEST_PASSWORD, clock))).toBeInstanceOf(TooManyAttemptsError);
    clock.advance(15 * MINUTE + 1000);
    expect((await attempt(account.email, TEST_PASSWORD, clock)).account.id).toBe(account.id);
  });

  it("lets the right password through as the fifth attempt, and does not count it", async () => {
    const clock = new TestClock();
    const account = await testAccount(t.db);
    for (let i = 0; i < 4; i++)
      await refusal(attempt(account.email, `wrong ${i} password`, clock, "192.0.2.9"));
    expect((await attempt(account.email, TEST_PASSWORD, clock, "192.0.2.9")).account.id).toBe(account.id);
    const ip = await t.db
      .selectFrom("sign_in_throttles")
      .select(["failures", "locked_until"])
      .where("key", "=", "ip:192.0.2.9")
      .executeTakeFirstOrThrow();
    expect([Number(ip.failures), ip.locked_until]).toEqual([4, null]);
  });

  it("replaces a hash made with weaker parameters at the next sign-in", async () => {
    const clock = new TestClock();
    const account = await testAccount(t.db);
    const weak = await hashPassword(TEST_PASSWORD, { ...TEST_SCRYPT, r: TEST_SCRYPT.r / 2 });
    expect(needsRehash(weak)).toBe(true);
    await t.db.updateTable("accounts").set({ password_hash: weak }).where("id", "=", account.id).execute();
    await attempt(account.email, TEST_PASSWORD, clock);
    const row = await t.db
      .selectFrom("accounts")
      .select("password_hash")
      .where("id", "=", account.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).not.toBe(weak);
    expect(needsRehash(row.password_hash!)).toBe(false);
    expect((await attempt(account.email, TEST_PASSWORD, clock)).account.id).toBe(account.id);
  });

  it("audits every success and failure with the address it came from", async () => {
    const clock = new TestClock("2026-01-05T00:00:00.000Z");
    const account = await testAccount(t.db);
    await refusal(attempt(account.email, "wrong password!!", clock, "192.0.2.200"));
    await attempt(account.email, TEST_PASSWORD, clock, "192.0.2.200");
    const { entries } = await listAudit(t.db, { actor: account.id, from: "2026-01-05T00:00:00.000Z" });
    expect(entries.map((e) => [e.kind, e.ip, e.details.reason ?? null])).toEqual([
      ["sign_in.succeeded", "192.0.2.200", null],
      ["sign_in.failed", "192.0.2.200", "wrong_password"],
    ]);
  });
});

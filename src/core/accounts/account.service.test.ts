import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testAccount, TEST_PASSWORD } from "../../test/accounts.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { systemActor } from "../audit/audit.js";
import { listAudit } from "../audit/audit.query.js";
import { changeOwnPassword, createAccount, resetPassword, updateAccount } from "./account.service.js";
import { createSession, resolveSession } from "./session.service.js";
import { signIn } from "./sign-in.service.js";

describe.each(testDialects)("accounts on %s", (dialect) => {
  let t: TestDatabase;
  const acting = { actor: systemActor("cli:tester") };
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("creates an account with a hashed password and audits it", async () => {
    const account = await createAccount(
      t.db,
      { email: " Sato@City.Example ", displayName: "佐藤", role: "action_owner", password: TEST_PASSWORD },
      acting,
    );
    expect(account).toMatchObject({ email: "sato@city.example", displayName: "佐藤", role: "action_owner" });
    const row = await t.db
      .selectFrom("accounts")
      .selectAll()
      .where("id", "=", account.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$scrypt\$/);
    const { entries } = await listAudit(t.db, { kinds: ["account.created"], actor: "cli:tester" });
    expect(entries.find((e) => e.subject?.id === account.id)?.details).toEqual({
      email: "sato@city.example",
      role: "action_owner",
    });
  });

  it("refuses a second account with the same e-mail in any case, naming the field", async () => {
    await testAccount(t.db, { email: "dup@city.example" });
    await expect(
      createAccount(t.db, { email: "DUP@city.example", role: "viewer", password: TEST_PASSWORD }, acting),
    ).rejects.toMatchObject({ code: "conflict", issues: [{ path: "email", message: "is already in use" }] });
  });

  it.each([
    [
      { email: "not-an-address", role: "viewer", password: TEST_PASSWORD },
      "email: must be an e-mail address",
    ],
    [{ email: "a@city.example", role: "mayor", password: TEST_PASSWORD }, "role: must be one of"],
    [
      { email: "a@city.example", role: "viewer", password: "short" },
      "password: must be at least 12 characters",
    ],
  ])("refuses %j", async (input, message) => {
    await expect(createAccount(t.db, input as never, acting)).rejects.toThrow(message);
  });

  it("never demotes or disables the last active administrator", async () => {
    const scratch = await openTestDatabase(dialect);
    try {
      const admin = await testAccount(scratch.db, { role: "admin" });
      await expect(updateAccount(scratch.db, admin.id, { role: "viewer" }, acting)).rejects.toThrow(
        "is the only active administrator",
      );
      await expect(updateAccount(scratch.db, admin.id, { disabled: true }, acting)).rejects.toThrow(
        "is the only active administrator",
      );
      const second = await testAccount(scratch.db, { role: "admin" });
      expect((await updateAccount(scratch.db, admin.id, { role: "plan_manager" }, acting)).role).toBe(
        "plan_manager",
      );
      await expect(updateAccount(scratch.db, second.id, { disabled: true }, acting)).rejects.toThrow(
        "is the only active administrator",
      );
    } finally {
      await scratch.close();
    }
  });

  it("records each change of name, role and state as its own audit entry", async () => {
    const account = await testAccount(t.db, { role: "viewer", displayName: "旧名" });
    const session = await createSession(t.db, account.id, {});
    await updateAccount(
      t.db,
      account.id,
      { displayName: "新名", role: "action_owner", disabled: true },
      acting,
    );
    expect(await resolveSession(t.db, session.token)).toBeNull();
    await updateAccount(t.db, account.id, { disabled: false }, acting);
    const { entries } = await listAudit(t.db, { actor: "cli:tester", kinds: ["account.*"] });
    const mine = entries.filter((e) => e.subject?.id === account.id).reverse();
    expect(mine.map((e) => e.kind)).toEqual([
      "account.updated",
      "account.role_changed",
      "account.disabled",
      "account.enabled",
    ]);
    expect(mine[1]!.details).toMatchObject({ from: "viewer", to: "action_owner" });
    expect(mine[2]!.details).toMatchObject({ sessionsEnded: 1 });
  });

  it("a reset by an administrator ends sessions and makes the owner choose a new password", async () => {
    const account = await testAccount(t.db);
    const session = await createSession(t.db, account.id, {});
    const reset = await resetPassword(t.db, account.id, "temporary password 2025", acting);
    expect(reset.mustChangePassword).toBe(true);
    expect(await resolveSession(t.db, session.token)).toBeNull();
    await expect(
      signIn(t.db, { email: account.email, password: TEST_PASSWORD, ip: "192.0.2.9" }),
    ).rejects.toThrow("wrong");
    const changed = await changeOwnPassword(
      t.db,
      account.id,
      { current: "temporary password 2025", next: "my own new passphrase" },
      acting,
    );
    expect(changed.mustChangePassword).toBe(false);
    const ok = await signIn(t.db, {
      email: account.email,
      password: "my own new passphrase",
      ip: "192.0.2.9",
    });
    expect(ok.account.id).toBe(account.id);
  });

  it("refuses a password change with the wrong current password, or the same password again", async () => {
    const account = await testAccount(t.db);
    await expect(
      changeOwnPassword(t.db, account.id, { current: "not it at all!", next: "another passphrase" }, acting),
    ).rejects.toMatchObject({
      issues: [{ path: "currentPassword", message: "is not the current password" }],
    });
    await expect(
      changeOwnPassword(t.db, account.id, { current: TEST_PASSWORD, next: TEST_PASSWORD }, acting),
    ).rejects.toMatchObject({
      issues: [{ path: "newPassword", message: "must differ from the current password" }],
    });
  });
});

import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, WRONG_CREDENTIALS } from "../../core/accounts/sign-in.service.js";
import { resolveAccessToken } from "../../core/accounts/token.service.js";
import { listAudit } from "../../core/audit/audit.query.js";
import { importPlan } from "../../core/plan/plan.service.js";
import { TEST_SCRYPT } from "../../test/accounts.js";
import { cli } from "../../test/cli.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma } from "../../test/fixtures.js";

describe.each(testDialects)("account commands on %s", (dialect) => {
  let t: TestDatabase;
  let dir: string;
  const run = (...argv: string[]) => cli(t.url, ...argv);
  const passwordFile = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    chmodSync(path, 0o600);
    return path;
  };

  beforeAll(async () => {
    expect(TEST_SCRYPT.ln).toBeLessThan(15); // the in-process CLI hashes at the test cost
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    dir = mkdtempSync(join(tmpdir(), "shinko-user-"));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates the first administrator from a password file, who can then sign in", async () => {
    expect((await run("user", "list")).stdout).toContain("No accounts.");
    const r = await run(
      "user",
      "add",
      "--role",
      "admin",
      "--email",
      "Kanri@City.Example",
      "--name",
      "管理者",
      "--password-file",
      passwordFile("admin.txt", "the first admin password\n"),
    );
    expect([r.code, r.stdout]).toEqual([0, "Created kanri@city.example (admin).\n"]);
    const { account } = await signIn(t.db, {
      email: "kanri@city.example",
      password: "the first admin password",
      ip: "127.0.0.1",
    });
    expect(account.role).toBe("admin");
    const list = await run("user", "list");
    expect(list.stdout).toMatch(/^kanri@city\.example\tadmin\tactive\t管理者\t\d{4}-/m);
  });

  it("never takes a password on the command line, and asks for a file when there is no terminal", async () => {
    const r = await run(
      "user",
      "add",
      "--role",
      "viewer",
      "--email",
      "v@city.example",
      "--password",
      "secret123456",
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--password'");
    const noTty = await run("user", "add", "--role", "viewer", "--email", "v@city.example");
    expect([noTty.code, noTty.stderr]).toEqual([2, expect.stringContaining("give --password-file FILE")]);
  });

  it("warns when the password file can be read by others", async () => {
    const path = passwordFile("open.txt", "readable by everyone\n");
    chmodSync(path, 0o644);
    const r = await run(
      "user",
      "add",
      "--role",
      "viewer",
      "--email",
      "open@city.example",
      "--password-file",
      path,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("can be read by other users");
  });

  it.each([
    [["user", "add", "--email", "x@city.example", "--role", "mayor"], 2, "--role mayor is not a role"],
    [["user", "add", "--role", "viewer"], 2, "give --email"],
    [["user", "frobnicate"], 2, 'unknown subcommand "frobnicate"'],
    [
      ["user", "set-role", "--email", "nobody@city.example", "--role", "viewer"],
      1,
      "account nobody@city.example not found",
    ],
  ])("refuses %j", async (argv, code, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
  });

  it("refuses a weak password from a file, naming the rule, and creates nothing", async () => {
    const r = await run(
      "user",
      "add",
      "--role",
      "viewer",
      "--email",
      "weak@city.example",
      "--password-file",
      passwordFile("weak.txt", "short\n"),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("password: must be at least 12 characters");
    expect((await run("user", "list")).stdout).not.toContain("weak@city.example");
  });

  it("sets a role, resets a password, disables and enables, each audited as the CLI user", async () => {
    const file = passwordFile("owner.txt", "owner password one\n");
    await run("user", "add", "--role", "viewer", "--email", "sato@city.example", "--password-file", file);
    expect(
      (await run("user", "set-role", "--email", "sato@city.example", "--role", "action_owner")).stdout,
    ).toBe("sato@city.example is now action_owner.\n");
    const reset = await run(
      "user",
      "reset-password",
      "--email",
      "sato@city.example",
      "--password-file",
      passwordFile("reset.txt", "temporary password two"),
    );
    expect(reset.stdout).toContain("it must choose a new password at sign-in");
    expect((await run("user", "disable", "--email", "sato@city.example")).stdout).toContain("is disabled");
    // Refused like a wrong password: a disabled account's sign-in tells nothing about the password.
    await expect(
      signIn(t.db, { email: "sato@city.example", password: "temporary password two", ip: "127.0.0.1" }),
    ).rejects.toThrow(WRONG_CREDENTIALS);
    expect((await run("user", "enable", "--email", "sato@city.example")).stdout).toContain("is enabled");
    expect((await run("user", "list")).stdout).toMatch(
      /^sato@city\.example\taction_owner\tmust change password/m,
    );
    const { entries } = await listAudit(t.db, { kinds: ["account.*"] });
    const kinds = entries
      .filter((e) => e.details.email === "sato@city.example")
      .map((e) => e.kind)
      .reverse();
    expect(kinds).toEqual([
      "account.created",
      "account.role_changed",
      "account.password_reset",
      "account.disabled",
      "account.enabled",
    ]);
    expect(entries.every((e) => e.actor.label.startsWith("cli:"))).toBe(true);
  });

  it("assigns and unassigns an action owner", async () => {
    await run(
      "user",
      "add",
      "--role",
      "action_owner",
      "--email",
      "tanto@city.example",
      "--password-file",
      passwordFile("t.txt", "another good password"),
    );
    const r = await run(
      "user",
      "assign",
      "--email",
      "tanto@city.example",
      "--plan",
      "kadoma",
      "--action",
      "14",
    );
    expect(r.stdout).toBe('tanto@city.example owns action 14 of plan "kadoma".\n');
    const missing = await run(
      "user",
      "assign",
      "--email",
      "tanto@city.example",
      "--plan",
      "kadoma",
      "--action",
      "46",
    );
    expect([missing.code, missing.stderr]).toEqual([
      1,
      expect.stringContaining('action 46 of plan "kadoma" not found'),
    ]);
    expect(
      (await run("user", "unassign", "--email", "tanto@city.example", "--plan", "kadoma", "--action", "14"))
        .code,
    ).toBe(0);
  });

  describe("tokens", () => {
    it("creates a token printed once on stdout, lists it without the secret, and revokes it", async () => {
      const created = await run(
        "token",
        "create",
        "--email",
        "kanri@city.example",
        "--name",
        "統計連携",
        "--scope",
        "read",
        "--days",
        "30",
      );
      expect(created.code).toBe(0);
      const secret = created.stdout.trim();
      expect(secret).toMatch(/^shinko_pat_/);
      expect(created.stderr).toContain("It is shown this once");
      const resolved = await resolveAccessToken(t.db, secret);
      expect(resolved.ok).toBe(true);
      const id = resolved.ok ? resolved.token.id : "";
      const list = await run("token", "list", "--email", "kanri@city.example");
      expect(list.stdout).toContain(`${id}\tkanri@city.example\tread\tactive`);
      expect(list.stdout).not.toContain(secret);
      expect((await run("token", "revoke", id)).stdout).toBe(`Revoked token ${id} (統計連携).\n`);
      expect(await resolveAccessToken(t.db, secret)).toEqual({ ok: false, reason: "revoked" });
    });

    it.each([
      [
        ["token", "create", "--email", "kanri@city.example", "--name", "x", "--scope", "admin"],
        "scope: must be read or write",
      ],
      [
        [
          "token",
          "create",
          "--email",
          "kanri@city.example",
          "--name",
          "x",
          "--scope",
          "read",
          "--days",
          "9999",
        ],
        "expiresInDays: must be at most 366",
      ],
      [["token", "revoke", "nosuchtoken"], "access token nosuchtoken not found"],
    ])("refuses %j", async (argv, message) => {
      const r = await run(...argv);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(message);
    });
  });

  describe("audit", () => {
    it("prints the log as text, newest first, filtered", async () => {
      const r = await run("audit", "--kind", "account.role_changed");
      expect(r.stdout).toMatch(
        /^\d{4}-\d{2}-\d{2}T[\d:.]+Z\taccount\.role_changed\tcli:\S+\taccount:[0-9a-f-]{36}\t-\t\{"email":"sato@city\.example","from":"viewer","to":"action_owner"\}$/m,
      );
    });

    it("exports CSV to a file, and records the export", async () => {
      const target = join(dir, "audit.csv");
      const r = await run("audit", "--format", "csv", "--kind", "token.*", "-o", target);
      expect(r.code).toBe(0);
      const csv = readFileSync(target, "utf8");
      expect(csv.split("\r\n")[0]).toBe("\uFEFFat,kind,actor,actor_id,ip,subject_type,subject_id,details");
      expect(csv).toContain(",token.created,");
      expect(csv).toContain(",token.revoked,");
      expect((await run("audit", "--kind", "audit.exported")).stdout).toContain('"format":"csv"');
    });

    it("exports JSON to stdout", async () => {
      const r = await run("audit", "--format", "json", "--actor", "kanri@city.example");
      const doc = JSON.parse(r.stdout) as { format: string; entries: { actor: { label: string } }[] };
      expect(doc.format).toBe("shinko-audit/1");
      expect(doc.entries.length).toBeGreaterThan(0);
      expect(doc.entries.every((e) => e.actor.label.startsWith("kanri@city.example"))).toBe(true);
    });

    it("names the option of a bad filter", async () => {
      const r = await run("audit", "--from", "2025-13-01");
      expect([r.code, r.stderr]).toEqual([1, expect.stringContaining("--from: must be a date")]);
    });
  });
});

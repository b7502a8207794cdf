import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit, systemActor } from "../../core/audit/audit.js";
import { listAudit } from "../../core/audit/audit.query.js";
import { importPlan } from "../../core/plan/plan.service.js";
import { cli } from "../../test/cli.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { kadoma } from "../../test/fixtures.js";

const BIN = fileURLToPath(new URL("../../../bin/shinko.js", import.meta.url));

/** `shinko backup FILE` in its own process, as an operator's cron job would run it. */
function backupInChild(databaseUrl: string, file: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, "backup", file], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.once("exit", (code) => resolve({ code, out }));
  });
}

describe.each(testDialects)("shinko backup and shinko restore on %s", (dialect) => {
  let t: TestDatabase;
  let dir: string;
  const run = (...argv: string[]) => cli(t.url, ...argv);
  const plans = async () =>
    (await t.db.selectFrom("plans").select(["id", "title", "revision"]).execute()).map((p) => p);

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await t.db.transaction().execute((trx) => importPlan(trx, kadoma()));
    dir = mkdtempSync(join(tmpdir(), "shinko-backup-cli-"));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("backs up, refuses to overwrite without --force, and records the backup in the audit log", async () => {
    const file = join(dir, "nightly.shinko-backup");
    const r = await run("backup", file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Backed up \d+ rows of 35 tables to .*nightly\.shinko-backup\n/);
    expect(r.stdout).toContain(`(${dialect}, migrations up to 0055-mail-jobs, sha256 `);
    const again = await run("backup", file);
    expect([again.code, again.stderr]).toEqual([
      1,
      expect.stringContaining("exists; give --force to replace it"),
    ]);
    expect((await run("backup", file, "--force")).code).toBe(0);
    const { entries } = await listAudit(t.db, { kinds: ["backup.created"] });
    expect(entries).toHaveLength(2);
    expect(entries[0]!.actor.label).toMatch(/^cli:/);
    expect((await run("restore", file, "--check")).stdout).toMatch(
      /is a sound backup: \d+ rows, made .* from /,
    );
  });

  it("restores the plan as it was at the backup and records the restore", async () => {
    const file = join(dir, "before-edit.shinko-backup");
    expect((await run("backup", file)).code).toBe(0);
    const atBackup = await plans();
    await t.db.updateTable("plans").set({ title: "誤って変えた題名", revision: 99 }).execute();
    const r = await run("restore", file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^Restored \d+ rows from .*before-edit\.shinko-backup \(made .* from (sqlite|postgres)\)\.\n$/,
    );
    expect(await plans()).toEqual(atBackup);
    const { entries } = await listAudit(t.db, { kinds: ["backup.restored"] });
    expect(entries.map((e) => e.details.file)).toEqual([file]);
  });

  it("refuses a file that is not a backup, with the reason, and changes nothing", async () => {
    const file = join(dir, "plan.json");
    writeFileSync(file, JSON.stringify(kadoma()));
    const current = await plans();
    const r = await run("restore", file);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `shinko: ${file}: not a shinko backup (not a SQLite file; expected shinko-backup/1); nothing was changed\n`,
    );
    expect(await plans()).toEqual(current);
    expect((await run("restore", join(dir, "missing.shinko-backup"))).stderr).toContain("no such file");
    expect((await run("restore")).code).toBe(2);
  });

  it("takes a consistent snapshot while another connection keeps writing", async () => {
    // Each write is one transaction adding two audit entries for one pair: a consistent copy holds
    // both entries of every pair, never one.
    let writing = true;
    let pairs = 0;
    const writer = (async () => {
      while (writing) {
        const id = `pair-${pairs}`;
        await t.db.transaction().execute(async (trx) => {
          for (const half of ["first", "second"]) {
            await recordAudit(trx, {
              kind: "test.pair",
              actor: systemActor("test"),
              subject: { type: "pair", id },
              details: { half },
            });
          }
        });
        pairs++;
        // better-sqlite3 answers synchronously: let the event loop (and the child) have a turn.
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    while (pairs < 5) await new Promise((r) => setTimeout(r, 5));
    const file = join(dir, "busy.shinko-backup");
    const child = await backupInChild(t.url, file);
    writing = false;
    await writer;
    expect(child.code, child.out).toBe(0);

    const copy = await openTestDatabase(dialect);
    try {
      expect((await cli(copy.url, "restore", file)).code).toBe(0);
      const rows = await copy.db
        .selectFrom("audit_log")
        .select("subject_id")
        .where("kind", "=", "test.pair")
        .execute();
      const perPair = new Map<string, number>();
      for (const r of rows) perPair.set(r.subject_id!, (perPair.get(r.subject_id!) ?? 0) + 1);
      expect(perPair.size).toBeGreaterThanOrEqual(5);
      expect([...perPair.values()].every((n) => n === 2)).toBe(true);
      expect(perPair.size).toBeLessThanOrEqual(pairs);
    } finally {
      await copy.close();
    }
  });
});

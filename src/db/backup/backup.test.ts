import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { digestRows } from "./backup-file.js";
import { BACKUP_TABLES, META_TABLE } from "./backup-tables.js";
import { dumpAll, fillEveryTable } from "./backup.fixtures.js";
import { createBackup, liveTables } from "./create-backup.js";
import { restoreBackup } from "./restore-backup.js";

const NOW = new Date("2025-04-01T09:00:00.000Z");
const nothingAfter = async () => undefined;

/** Changes a backup file behind its checksum's back, as a damaged disk or a hand edit would. */
function edit(path: string, fn: (file: SQLite.Database) => void): void {
  const file = new SQLite(path);
  try {
    fn(file);
  } finally {
    file.close();
  }
}

/** Edits a value and records the new checksum too: only the row checks can catch it. */
function editAndReseal(path: string, fn: (file: SQLite.Database) => void): void {
  edit(path, (file) => {
    fn(file);
    file.prepare(`update ${META_TABLE} set value = ? where key = 'sha256'`).run(digestRows(file).sha256);
  });
}

describe.each(testDialects)("backups on %s", (dialect) => {
  let t: TestDatabase;
  let dir: string;
  let good: string;
  let before: Record<string, string[]>;

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), "shinko-backup-"));
    await fillEveryTable(t.db);
    before = await dumpAll(t.db);
    good = join(dir, "good.shinko-backup");
    await createBackup(t, good, NOW);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("covers every table of the database, and every table comes back with rows", async () => {
    expect((await liveTables(t)).sort()).toEqual([...BACKUP_TABLES].sort());
    const file = join(dir, "every.shinko-backup");
    const { meta } = await createBackup(t, file, NOW);
    expect(Object.keys(meta.tables).sort()).toEqual([...BACKUP_TABLES].sort());
    for (const table of BACKUP_TABLES)
      expect([table, meta.tables[table]]).toEqual([table, before[table]!.length]);
    for (const table of BACKUP_TABLES) expect(before[table]!.length, table).toBeGreaterThan(0);
    expect(meta).toMatchObject({ format: "shinko-backup/1", source: dialect, createdAt: NOW.toISOString() });
    expect(meta.migrations.at(-1)).toBe("0050-company-grams");
  });

  it("refuses to back up a database with a table backups do not cover", async () => {
    await sql`create table forgotten (id integer)`.execute(t.db);
    try {
      await expect(createBackup(t, join(dir, "x.shinko-backup"), NOW)).rejects.toThrow(
        "table forgotten is not covered by backups",
      );
    } finally {
      await sql`drop table forgotten`.execute(t.db);
    }
  });

  it("restores exactly the data that was backed up, replacing what changed since, audit log included", async () => {
    await fillEveryTable(t.db, "later");
    await t.db.updateTable("plans").set({ title: "changed after the backup" }).execute();
    expect(await dumpAll(t.db)).not.toEqual(before);
    const { rows } = await restoreBackup(t, good, nothingAfter);
    expect(rows).toBe(Object.values(before).reduce((a, r) => a + r.length, 0));
    // Everything but the sessions, which a restore ends (see the next test).
    expect(await dumpAll(t.db)).toEqual({ ...before, sessions: [] });
    // The audit log is append-only again after the restore.
    await expect(t.db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
    await expect(t.db.updateTable("audit_log").set({ kind: "x.y" }).execute()).rejects.toThrow(/append-only/);
  });

  it("does not revive sessions or tokens that ended before the restore", async () => {
    // Since the backup: the token of account a was revoked, and everyone signed out.
    await t.db
      .updateTable("access_tokens")
      .set({ revoked_at: "2026-01-02T03:04:05.000Z" })
      .where("id", "=", "t-a")
      .execute();
    await t.db.deleteFrom("sessions").execute();
    await restoreBackup(t, good, nothingAfter);
    const tokens = await t.db
      .selectFrom("access_tokens")
      .select(["id", "revoked_at"])
      .orderBy("id")
      .execute();
    expect(tokens).toContainEqual({ id: "t-a", revoked_at: "2026-01-02T03:04:05.000Z" });
    expect(await t.db.selectFrom("sessions").selectAll().execute()).toEqual([]);
    // The rest is the backup's.
    const { access_tokens: _tokens, sessions: _sessions, ...rest } = before;
    const after = await dumpAll(t.db);
    for (const [table, rows] of Object.entries(rest)) expect(after[table], table).toEqual(rows);
  });

  const refusals: [string, (path: string) => void, RegExp][] = [
    [
      "a file that is not SQLite",
      (p) => writeFileSync(p, '{"format":"shinko-plan/1"}'),
      /not a shinko backup \(not a SQLite file/,
    ],
    [
      "a SQLite file that is not a backup",
      (p) => {
        rmSync(p);
        edit(p, (f) => f.exec("create table notes (text text)"));
      },
      /not a shinko backup \(a SQLite file without the shinko-backup\/1 description\)/,
    ],
    ["a truncated file", (p) => writeFileSync(p, readFileSync(p).subarray(0, 40_000)), /the file is damaged/],
    [
      "a file with overwritten pages",
      (p) => {
        const bytes = readFileSync(p);
        bytes.fill(0x5a, 8_192, 24_576);
        writeFileSync(p, bytes);
      },
      /the file is damaged|checksum mismatch|holds \d+ rows/,
    ],
    [
      "a value changed after the backup",
      (p) => edit(p, (f) => f.exec("update plans set title = 'rewritten'")),
      /checksum mismatch: the data changed after the backup was made/,
    ],
    [
      "a row removed after the backup",
      (p) => edit(p, (f) => f.exec("delete from sessions")),
      /table sessions holds 0 rows, the backup recorded 1/,
    ],
    [
      "another format version",
      (p) =>
        edit(p, (f) => f.exec(`update ${META_TABLE} set value = 'shinko-backup/2' where key = 'format'`)),
      /format is "shinko-backup\/2", this shinko reads shinko-backup\/1/,
    ],
    [
      "a backup from a newer shinko",
      (p) =>
        edit(p, (f) => {
          f.exec("insert into kysely_migration (name, timestamp) values ('0099-future', '2030-01-01')");
          const m = JSON.parse(
            (f.prepare(`select value from ${META_TABLE} where key = 'migrations'`).get() as { value: string })
              .value,
          ) as string[];
          f.prepare(`update ${META_TABLE} set value = ? where key = 'migrations'`).run(
            JSON.stringify([...m, "0099-future"]),
          );
        }),
      /made by a newer shinko \(migration 0099-future is unknown here\)/,
    ],
    [
      "a value of the wrong type (checksum resealed)",
      (p) =>
        editAndReseal(p, (f) =>
          f.exec("update actions set version = 'abc' where rowid = (select min(rowid) from actions)"),
        ),
      /actions row 1 column version: should be an integer, found text/,
    ],
    [
      "binary data where text belongs (checksum resealed)",
      (p) => editAndReseal(p, (f) => f.exec("update accounts set display_name = x'00ff'")),
      /accounts row 1 column display_name: should be text, found binary data/,
    ],
    [
      "a missing table",
      (p) => edit(p, (f) => f.exec("drop table plan_grams")),
      /table plan_grams is missing from the backup/,
    ],
  ];

  it.each(refusals)(
    "refuses %s, naming what is wrong, and changes nothing",
    async (_name, damage, message) => {
      const path = join(dir, `bad-${Math.random().toString(36).slice(2)}.shinko-backup`);
      copyFileSync(good, path);
      damage(path);
      const current = await dumpAll(t.db);
      await expect(restoreBackup(t, path, nothingAfter)).rejects.toThrow(message);
      await expect(restoreBackup(t, path, nothingAfter)).rejects.toThrow(/nothing was changed/);
      expect(await dumpAll(t.db)).toEqual(current);
    },
  );

  it("rolls everything back when the step inside the restore's transaction fails", async () => {
    await fillEveryTable(t.db, "kept");
    const current = await dumpAll(t.db);
    await expect(
      restoreBackup(t, good, async () => {
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(await dumpAll(t.db)).toEqual(current);
  });
});

describe.runIf(testDialects.includes("postgres"))("backups across databases", () => {
  let sqlite: TestDatabase;
  let postgres: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    [sqlite, postgres] = await Promise.all([openTestDatabase("sqlite"), openTestDatabase("postgres")]);
    dir = mkdtempSync(join(tmpdir(), "shinko-backup-x-"));
  });
  afterAll(async () => {
    await Promise.all([sqlite.close(), postgres.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("restores a SQLite backup into PostgreSQL and a PostgreSQL backup into SQLite, identical", async () => {
    await fillEveryTable(sqlite.db, "fromsqlite");
    await fillEveryTable(postgres.db, "frompg");
    const fromSqlite = await dumpAll(sqlite.db);
    const fromPostgres = await dumpAll(postgres.db);
    await createBackup(sqlite, join(dir, "sqlite.shinko-backup"), NOW);
    await createBackup(postgres, join(dir, "pg.shinko-backup"), NOW);

    await restoreBackup(postgres, join(dir, "sqlite.shinko-backup"), nothingAfter);
    expect(await dumpAll(postgres.db)).toEqual({ ...fromSqlite, sessions: [] });
    await restoreBackup(sqlite, join(dir, "pg.shinko-backup"), nothingAfter);
    expect(await dumpAll(sqlite.db)).toEqual({ ...fromPostgres, sessions: [] });
  });
});

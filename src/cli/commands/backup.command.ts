import { existsSync } from "node:fs";
import { recordAudit } from "../../core/audit/audit.js";
import { DomainError } from "../../core/errors.js";
import { createBackup } from "../../db/backup/create-backup.js";
import { cliActor } from "../actor.js";
import { parseCommandArgs } from "../args.js";
import { EXIT, print, UsageError } from "../output.js";
import { withDatabase, type Command } from "./command.js";

export const backupCommand: Command = {
  name: "backup",
  summary: "Write a consistent backup of the whole database to FILE (while the server runs)",
  usage: "shinko backup FILE [--force]",
  help: [
    "Copies every table (plans, review, history, accounts, sessions, tokens, the audit log) into FILE,",
    "a shinko-backup/1 file (a SQLite database with the migrations, row counts and a SHA-256 recorded),",
    "from one snapshot: the server keeps serving and writing. SQLite and PostgreSQL alike; a backup of",
    "either restores into either (shinko restore). The file is checked before it is put in place.",
    "--force  replace FILE when it exists",
  ],
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(argv, { force: { type: "boolean" } }, "backup");
    if (positionals.length !== 1) throw new UsageError("backup: give exactly one FILE");
    const file = positionals[0]!;
    if (existsSync(file) && values.force !== true) {
      throw new DomainError("conflict", `${file} exists; give --force to replace it`);
    }
    return withDatabase(ctx, async (handle) => {
      const result = await createBackup(handle, file, new Date());
      await recordAudit(handle.db, {
        kind: "backup.created",
        actor: cliActor(),
        details: { file: result.file, rows: result.rows, sha256: result.meta.sha256 },
      });
      const last = result.meta.migrations.at(-1) ?? "none";
      print(
        ctx.io.stdout,
        `Backed up ${result.rows} rows of ${Object.keys(result.meta.tables).length} tables to ${result.file}`,
      );
      print(ctx.io.stdout, `(${handle.dialect}, migrations up to ${last}, sha256 ${result.meta.sha256}).`);
      return EXIT.ok;
    });
  },
};

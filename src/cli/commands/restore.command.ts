import { recordAudit } from "../../core/audit/audit.js";
import { inspectBackup } from "../../db/backup/backup-file.js";
import { appliedMigrations } from "../../db/backup/create-backup.js";
import { restoreBackup } from "../../db/backup/restore-backup.js";
import { cliActor } from "../actor.js";
import { parseCommandArgs } from "../args.js";
import { EXIT, print, UsageError } from "../output.js";
import { withDatabase, type Command } from "./command.js";

export const restoreCommand: Command = {
  name: "restore",
  summary: "Replace the whole database with a backup, after checking the whole file (all or nothing)",
  usage: "shinko restore FILE [--check]",
  help: [
    "Checks FILE first: a shinko-backup/1 file, undamaged (integrity check, SHA-256, row counts),",
    "made at this shinko's migrations, every value of the right type. A file that fails any check is",
    "refused with the reason and nothing changes. Then every table's rows are replaced in one",
    "transaction. Stop the servers first: they keep plans in memory by revision (docs/reliability.md).",
    "--check  only check FILE; change nothing",
  ],
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(argv, { check: { type: "boolean" } }, "restore");
    if (positionals.length !== 1) throw new UsageError("restore: give exactly one FILE");
    const file = positionals[0]!;
    return withDatabase(ctx, async (handle) => {
      if (values.check === true) {
        const meta = inspectBackup(file, await appliedMigrations(handle.db));
        const rows = Object.values(meta.tables).reduce((a, b) => a + b, 0);
        print(
          ctx.io.stdout,
          `${file} is a sound backup: ${rows} rows, made ${meta.createdAt} from ${meta.source}.`,
        );
        return EXIT.ok;
      }
      const { meta, rows } = await restoreBackup(handle, file, (trx, m) =>
        recordAudit(trx, {
          kind: "backup.restored",
          actor: cliActor(),
          details: { file, createdAt: m.createdAt, source: m.source, sha256: m.sha256 },
        }),
      );
      print(
        ctx.io.stdout,
        `Restored ${rows} rows from ${file} (made ${meta.createdAt} from ${meta.source}).`,
      );
      return EXIT.ok;
    });
  },
};

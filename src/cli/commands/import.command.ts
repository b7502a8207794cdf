import { readFile, stat } from "node:fs/promises";
import { DomainError } from "../../core/errors.js";
import type { ImportFormat } from "../../io/import/import-types.js";
import { runImport } from "../../io/import/import-plan.js";
import { describeImport } from "../../io/import/import-report.js";
import { checkSize, formatOfName, isImportFormat, readImport } from "../../io/import/read-import.js";
import { cliActor } from "../actor.js";
import { parseCommandArgs } from "../args.js";
import { EXIT, print, UsageError } from "../output.js";
import { createProgress } from "../progress.js";
import { withDatabase, type Command } from "./command.js";

async function sizeOf(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new DomainError("validation_failed", `${file}: not a file`);
    return info.size;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError("not_found", `${file}: no such file`);
  }
}

export const importCommand: Command = {
  name: "import",
  summary: "Add a plan, or replace the plan with the same id, from a file (all or nothing)",
  usage: "shinko import FILE [--format xlsx|csv|tsv|json] [--dry-run] [--plan ID]",
  help: [
    "Reads the city's table (.xlsx), the CSV (one row per action, UTF-8 or Shift_JIS), text pasted",
    "from Excel or extracted from the PDF (.tsv/.txt), or the canonical JSON (docs/import-export.md).",
    "Nothing is written unless the whole file is valid; errors name the file's row and column.",
    "--format F  xlsx, csv, tsv or json (default: from the file's extension)",
    "--dry-run   check the file and list what would be created, changed and removed; write nothing",
    "--plan ID   the plan to create or replace (default: the id in the file)",
  ],
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { "dry-run": { type: "boolean" }, format: { type: "string" }, plan: { type: "string" } },
      "import",
    );
    if (positionals.length !== 1) throw new UsageError("import: give exactly one FILE");
    const file = positionals[0]!;
    let format: ImportFormat | undefined;
    if (values.format !== undefined) {
      if (!isImportFormat(values.format)) {
        throw new UsageError(`import: --format ${values.format} is not supported (xlsx, csv, tsv, json)`);
      }
      format = values.format;
    } else format = formatOfName(file);
    if (!format)
      throw new UsageError(`import: cannot tell the format of ${file} from its name; give --format`);

    const limit = ctx.config.bodyLimit;
    checkSize(await sizeOf(file), limit, file);
    const bytes = await readFile(file);
    const progress = createProgress(ctx.io.stderr);
    try {
      const draft = await readImport(bytes, { source: file, format, limit, onProgress: progress.listener });
      const report = await withDatabase(ctx, ({ db }) =>
        runImport(db, draft, {
          source: file,
          planId: values.plan,
          dryRun: values["dry-run"] === true,
          actor: "cli",
          audit: cliActor(),
          onProgress: progress.listener,
        }),
      );
      progress.done();
      for (const line of describeImport(report)) print(ctx.io.stdout, line);
      return EXIT.ok;
    } finally {
      progress.done();
    }
  },
};

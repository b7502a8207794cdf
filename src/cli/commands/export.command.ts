import { rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseFiscalYear } from "../../core/fiscal/index.js";
import { getPlan, resolvePlanId } from "../../core/plan/plan.service.js";
import {
  EXPORT_FORMATS,
  exportAuditEvent,
  exportPlan,
  type ExportFormat,
} from "../../io/export/export-plan.js";
import { recordAudit } from "../../core/audit/audit.js";
import { cliActor } from "../actor.js";
import { parseCommandArgs } from "../args.js";
import { EXIT, print, UsageError } from "../output.js";
import { withDatabase, type Command } from "./command.js";

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

export const exportCommand: Command = {
  name: "export",
  summary: "Write a plan out as the city's table (xlsx), CSV or the canonical JSON",
  usage:
    "shinko export --format xlsx|csv|json [--plan ID] [-o FILE] [--encoding utf8|sjis] [--review-year FY]",
  help: [
    "--format F       xlsx: the official table on A3; csv: one row per action; json: the canonical",
    "                 format (docs/plan-format.md). Default json. CSV and JSON are deterministic.",
    "--plan ID        which plan; may be left out when the database holds one plan",
    "-o FILE          write to FILE (or into the directory FILE, named as the plan and its date)",
    "                 instead of standard output",
    "--encoding E     for csv: utf8 (with BOM, the default) or sjis (Shift_JIS)",
    "--review-year FY for xlsx: add that fiscal year's review columns (results, evaluation,",
    "                 direction, challenges) to the table: 2025, 令和7年度 or R7",
  ],
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        format: { type: "string", default: "json" },
        plan: { type: "string" },
        output: { type: "string", short: "o" },
        encoding: { type: "string", default: "utf8" },
        "review-year": { type: "string" },
      },
      "export",
    );
    if (positionals.length > 0) throw new UsageError(`export: unexpected argument "${positionals[0]}"`);
    const format = values.format as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) {
      throw new UsageError(
        `export: --format ${values.format} is not supported (${EXPORT_FORMATS.join(", ")})`,
      );
    }
    const encoding = values.encoding === "sjis" || values.encoding === "shift_jis" ? "sjis" : values.encoding;
    if (encoding !== "utf8" && encoding !== "sjis")
      throw new UsageError(`export: --encoding ${values.encoding} is not supported (utf8, sjis)`);
    if (encoding === "sjis" && format !== "csv")
      throw new UsageError("export: --encoding applies to --format csv only");
    let reviewYear: number | undefined;
    if (values["review-year"] !== undefined) {
      if (format !== "xlsx") throw new UsageError("export: --review-year applies to --format xlsx only");
      const fy = parseFiscalYear(values["review-year"], { min: 1900, max: 2200 });
      if (!fy.ok) throw new UsageError(`export: --review-year ${values["review-year"]}: ${fy.error}`);
      reviewYear = fy.value;
    }
    if (format === "xlsx" && values.output === undefined && (ctx.io.stdout as { isTTY?: boolean }).isTTY) {
      throw new UsageError("export: an .xlsx workbook is binary; give -o FILE or redirect the output");
    }
    const file = await withDatabase(ctx, async ({ db }) => {
      const planId = await resolvePlanId(db, values.plan);
      const exported = await exportPlan(await getPlan(db, planId), format, {
        encoding,
        ...(reviewYear !== undefined ? { reviewYear } : {}),
      });
      await recordAudit(db, exportAuditEvent(cliActor(), planId, format, { encoding, reviewYear }));
      return exported;
    });
    if (values.output === undefined) {
      ctx.io.stdout.write(file.bytes);
      return EXIT.ok;
    }
    const target = (await isDirectory(values.output)) ? join(values.output, file.fileName) : values.output;
    // Write beside the target and rename, so a reader never sees half a file.
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, file.bytes);
    await rename(temporary, target);
    print(ctx.io.stderr, `Wrote ${target}`);
    return EXIT.ok;
  },
};

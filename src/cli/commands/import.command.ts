import { readFile, stat } from "node:fs/promises";
import { DomainError } from "../../core/errors.js";
import { findPlanHeader } from "../../core/plan/plan.repository.js";
import { validatePlanDocument } from "../../core/plan/plan.rules.js";
import { savePlan } from "../../core/plan/plan.service.js";
import { parseJsonBytes } from "../../io/json/plan-json.js";
import { parseCommandArgs } from "../args.js";
import { EXIT, print, UsageError } from "../output.js";
import { withDatabase, type Command } from "./command.js";

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

async function readLimited(file: string): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new DomainError("validation_failed", `${file}: not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError("not_found", `${file}: no such file`);
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new DomainError(
      "too_large",
      `${file}: ${(size / 1024 / 1024).toFixed(1)} MB is over the ${MAX_IMPORT_BYTES / 1024 / 1024} MB limit for imports`,
    );
  }
  return readFile(file);
}

export const importCommand: Command = {
  name: "import",
  summary: "Add a plan, or replace the plan with the same id, from a file (all or nothing)",
  usage: "shinko import FILE.json [--dry-run]",
  help: [
    "Reads a plan in the canonical format (docs/plan-format.md). Nothing is written unless the",
    "whole file is valid; errors name the JSON path (actions[3].measure).",
    "--dry-run  check the file and say what would change, without writing",
  ],
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { "dry-run": { type: "boolean" }, format: { type: "string" } },
      "import",
    );
    if (positionals.length !== 1) throw new UsageError("import: give exactly one FILE");
    if (values.format !== undefined && values.format !== "json") {
      throw new UsageError(`import: --format ${values.format} is not supported (json)`);
    }
    const file = positionals[0]!;
    const doc = validatePlanDocument(parseJsonBytes(await readLimited(file), file));
    return withDatabase(ctx, async ({ db }) => {
      if (values["dry-run"]) {
        const existing = await findPlanHeader(db, doc.plan.id);
        print(
          ctx.io.stdout,
          `${file} is valid: would ${existing ? "replace" : "create"} plan "${doc.plan.id}" with ` +
            `${doc.strategies.length} strategies, ${doc.measures.length} measures, ${doc.actions.length} actions. Nothing written.`,
        );
        return EXIT.ok;
      }
      const outcome = await db
        .transaction()
        .execute((trx) => savePlan(trx, doc, { actor: "cli", source: "import" }));
      print(
        ctx.io.stdout,
        `${outcome.replaced ? "Replaced" : "Created"} plan "${outcome.planId}": ${outcome.counts.strategies} strategies, ` +
          `${outcome.counts.measures} measures, ${outcome.counts.actions} actions (revision ${outcome.revision}).`,
      );
      return EXIT.ok;
    });
  },
};

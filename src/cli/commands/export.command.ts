import { rename, writeFile } from "node:fs/promises";
import { getPlan, resolvePlanId } from "../../core/plan/plan.service.js";
import { serializePlan } from "../../core/plan/plan.serialize.js";
import { parseCommandArgs } from "../args.js";
import { EXIT, print, UsageError } from "../output.js";
import { withDatabase, type Command } from "./command.js";

export const exportCommand: Command = {
  name: "export",
  summary: "Write a plan out (deterministic: the same data gives the same bytes)",
  usage: "shinko export --format json [--plan ID] [-o FILE]",
  help: [
    "--format json  the canonical format (docs/plan-format.md)",
    "--plan ID      which plan; may be left out when the database holds one plan",
    "-o FILE        write to FILE instead of standard output",
  ],
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        format: { type: "string", default: "json" },
        plan: { type: "string" },
        output: { type: "string", short: "o" },
      },
      "export",
    );
    if (positionals.length > 0) throw new UsageError(`export: unexpected argument "${positionals[0]}"`);
    if (values.format !== "json")
      throw new UsageError(`export: --format ${values.format} is not supported (json)`);
    const text = await withDatabase(ctx, async ({ db }) =>
      serializePlan(await getPlan(db, await resolvePlanId(db, values.plan))),
    );
    if (values.output === undefined) {
      ctx.io.stdout.write(text);
      return EXIT.ok;
    }
    // Write beside the target and rename, so a reader never sees half a file.
    const temporary = `${values.output}.${process.pid}.tmp`;
    await writeFile(temporary, text);
    await rename(temporary, values.output);
    print(ctx.io.stderr, `Wrote ${values.output}`);
    return EXIT.ok;
  },
};

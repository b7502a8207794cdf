import { listPlans } from "../../core/plan/plan.service.js";
import { parseCommandArgs } from "../args.js";
import { EXIT, print, UsageError } from "../output.js";
import { withDatabase, type Command } from "./command.js";

export const plansCommand: Command = {
  name: "plans",
  summary: "List the plans in the database",
  usage: "shinko plans [--json]",
  help: ["One line per plan: id, fiscal years, number of actions, as-of date, title."],
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(argv, { json: { type: "boolean" } }, "plans");
    if (positionals.length > 0) throw new UsageError(`plans: unexpected argument "${positionals[0]}"`);
    const plans = await withDatabase(ctx, (h) => listPlans(h.db));
    if (values.json) {
      print(ctx.io.stdout, JSON.stringify({ plans }, null, 2));
      return EXIT.ok;
    }
    if (plans.length === 0) {
      print(ctx.io.stdout, "No plans. Import one with: shinko import FILE.json");
      return EXIT.ok;
    }
    for (const p of plans) {
      print(
        ctx.io.stdout,
        `${p.id}\tFY${p.fiscalYears.from}–${p.fiscalYears.to}\t${p.counts.actions} actions\tas of ${p.asOf}\t${p.municipality} ${p.title}`,
      );
    }
    return EXIT.ok;
  },
};

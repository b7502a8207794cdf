import { ensureMunicipality, KADOMA } from "../../core/municipalities/municipality.js";
import type { TableEntry } from "../../io/companies/companies-table.js";
import { generateCompanies } from "../../io/companies/generate-companies.js";
import { importCompanies } from "../../io/companies/import-companies.js";
import { cliActor } from "../actor.js";
import { parseCommandArgs } from "../args.js";
import { EXIT, print, UsageError } from "../output.js";
import { withDatabase, type Command } from "./command.js";

/**
 * Loads fictitious firms (架空の企業, names ending 「（架空）」) into Kadoma's registry for trying
 * the product. The city's real list is not public, so shinko ships no firm as if it were real.
 */
export const demoCommand: Command = {
  name: "demo",
  summary: "Load fictitious firms (架空の企業) into Kadoma's company registry, to try the portal",
  usage: "shinko demo [--companies N]",
  help: [
    "--companies N    how many firms (default 60); ids demo-0001 …, names end in 「（架空）」,",
    "                 phone numbers in the unallocated 06-0000 range. Running it again changes nothing.",
  ],
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { companies: { type: "string", default: "60" } },
      "demo",
    );
    if (positionals.length > 0) throw new UsageError(`demo: unexpected argument "${positionals[0]}"`);
    const count = Number(values.companies);
    if (!Number.isInteger(count) || count < 1 || count > 100_000)
      throw new UsageError("demo: --companies must be a whole number from 1 to 100000");
    const entries: TableEntry[] = generateCompanies(count).map((input, i) => ({
      input,
      where: `demo firm ${i + 1}`,
      locate: (path) => `demo firm ${i + 1}.${path}`,
    }));
    const report = await withDatabase(ctx, async ({ db }) => {
      await db.transaction().execute((trx) => ensureMunicipality(trx, KADOMA));
      return importCompanies(db, KADOMA.code, entries, { ctx: { actor: cliActor(), source: "demo" } });
    });
    print(
      ctx.io.stdout,
      `Loaded ${count} fictitious firms (架空) into ${KADOMA.name}: ${report.created.length} created, ${report.changed.length} changed, ${report.unchanged} unchanged`,
    );
    return EXIT.ok;
  },
};

import { existsSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { recordAudit } from "../../core/audit/audit.js";
import { listMunicipalityCompanies } from "../../core/companies/company.repository.js";
import type { Audience } from "../../core/companies/company.visibility.js";
import {
  companiesTemplateXlsx,
  writeCompaniesCsv,
  writeCompaniesXlsx,
} from "../../io/companies/companies-files.js";
import { companiesDocument, serializeCompanies } from "../../io/companies/companies-json.js";
import { importCompanies, type CompaniesImportReport } from "../../io/companies/import-companies.js";
import {
  COMPANY_FILE_FORMATS,
  guessCompanyFormat,
  importMunicipality,
  readCompanyFile,
  type CompanyFileFormat,
} from "../../io/companies/read-companies.js";
import { cliActor } from "../actor.js";
import { parseCommandArgs } from "../args.js";
import { EXIT, print, UsageError, type Io } from "../output.js";
import { withDatabase, type Command, type CommandContext } from "./command.js";

/** companies.csv → companies-equipment.csv: where the equipment of a CSV pair lives. */
export function equipmentCsvName(path: string): string {
  return path.replace(/(\.csv)?$/iu, "-equipment.csv");
}

async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

function printReport(io: Io, r: CompaniesImportReport): void {
  const verb = r.dryRun ? "Would import" : "Imported";
  print(
    io.stdout,
    `${verb} into ${r.municipality}: ${r.created.length} created, ${r.changed.length} changed, ${r.removed.length} removed, ${r.unchanged} unchanged`,
  );
  for (const c of r.created) print(io.stdout, `  created  ${c.id}  ${c.name}`);
  for (const c of r.changed) print(io.stdout, `  changed  ${c.id}  ${c.name}  (${c.fields.join(", ")})`);
  for (const c of r.removed) print(io.stdout, `  removed  ${c.id}  ${c.name}`);
  if (r.dryRun) print(io.stdout, "Dry run: nothing was written.");
}

async function runImport(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      format: { type: "string" },
      municipality: { type: "string" },
      equipment: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      replace: { type: "boolean", default: false },
    },
    "companies import",
  );
  const [path, ...extra] = positionals;
  if (!path) throw new UsageError("companies import: name the file to import");
  if (extra.length > 0) throw new UsageError(`companies import: unexpected argument "${extra[0]}"`);
  const bytes = new Uint8Array(await readFile(path));
  const format = (values.format ?? guessCompanyFormat(path, bytes)) as CompanyFileFormat;
  if (!COMPANY_FILE_FORMATS.includes(format))
    throw new UsageError(
      `companies import: --format ${values.format} is not supported (${COMPANY_FILE_FORMATS.join(", ")})`,
    );
  const equipmentPath =
    values.equipment ??
    (format === "csv" && existsSync(equipmentCsvName(path)) ? equipmentCsvName(path) : undefined);
  const equipment = equipmentPath
    ? { name: basename(equipmentPath), bytes: new Uint8Array(await readFile(equipmentPath)) }
    : undefined;
  const report = await withDatabase(ctx, async ({ db }) => {
    const read = await db.transaction().execute((trx) =>
      readCompanyFile(trx, { name: basename(path), bytes }, format, {
        municipality: values.municipality,
        equipment,
      }),
    );
    return importCompanies(db, read.municipality.code, read.entries, {
      dryRun: values["dry-run"],
      replace: values.replace,
      ctx: { actor: cliActor(), source: "import" },
    });
  });
  printReport(ctx.io, report);
  return EXIT.ok;
}

async function runExport(argv: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      format: { type: "string", default: "json" },
      output: { type: "string", short: "o" },
      municipality: { type: "string" },
      encoding: { type: "string", default: "utf8" },
      public: { type: "boolean", default: false },
    },
    "companies export",
  );
  if (positionals.length > 0)
    throw new UsageError(`companies export: unexpected argument "${positionals[0]}"`);
  const format = values.format;
  if (format !== "json" && format !== "csv" && format !== "xlsx")
    throw new UsageError(`companies export: --format ${format} is not supported (json, csv, xlsx)`);
  const encoding = values.encoding === "sjis" || values.encoding === "shift_jis" ? "sjis" : values.encoding;
  if (encoding !== "utf8" && encoding !== "sjis")
    throw new UsageError(`companies export: --encoding ${values.encoding} is not supported (utf8, sjis)`);
  if (format === "csv" && values.output === undefined)
    throw new UsageError("companies export: CSV is two files (companies and equipment); give -o FILE.csv");
  if (format === "xlsx" && values.output === undefined && (ctx.io.stdout as { isTTY?: boolean }).isTTY)
    throw new UsageError(
      "companies export: an .xlsx workbook is binary; give -o FILE or redirect the output",
    );
  const audience: Audience = values.public ? "public" : "staff";
  const files = await withDatabase(ctx, async ({ db }) => {
    const municipality = await db
      .transaction()
      .execute((trx) => importMunicipality(trx, values.municipality));
    const companies = await listMunicipalityCompanies(db, municipality.code);
    await recordAudit(db, {
      kind: "companies.exported",
      actor: cliActor(),
      subject: { type: "municipality", id: municipality.code },
      details: { format, audience, companies: companies.length },
    });
    if (format === "json")
      return [
        {
          path: values.output,
          bytes: serializeCompanies(companiesDocument(municipality, companies, audience)),
        },
      ];
    if (format === "xlsx")
      return [{ path: values.output, bytes: await writeCompaniesXlsx(companies, audience) }];
    const csv = writeCompaniesCsv(companies, audience, encoding);
    return [
      { path: values.output, bytes: csv.companies },
      { path: equipmentCsvName(values.output!), bytes: csv.equipment },
    ];
  });
  for (const f of files) {
    if (f.path === undefined) ctx.io.stdout.write(f.bytes);
    else {
      await writeAtomically(f.path, f.bytes);
      print(ctx.io.stderr, `Wrote ${f.path}`);
    }
  }
  return EXIT.ok;
}

async function runTemplate(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs(argv, { output: { type: "string", short: "o" } }, "companies template");
  if (!values.output) throw new UsageError("companies template: give -o FILE.xlsx");
  await writeAtomically(values.output, await companiesTemplateXlsx());
  print(ctx.io.stderr, `Wrote ${values.output}`);
  return EXIT.ok;
}

export const companiesCommand: Command = {
  name: "companies",
  summary: "Import or export the company registry (JSON, xlsx, CSV), or write the template",
  usage:
    "shinko companies import FILE [--format json|xlsx|csv|gbizinfo] [--dry-run] | export --format json|csv|xlsx [-o FILE] | template -o FILE",
  help: [
    "import FILE      all or nothing; errors name the row and column (or JSON path); lists what was",
    "                 created, changed and removed. A 法人番号 already registered updates that firm.",
    "  --format F     json (shinko-companies/1), xlsx (sheets 企業 and 設備), csv (UTF-8 or Shift_JIS;",
    "                 equipment in FILE-equipment.csv or --equipment FILE), gbizinfo (a gBizINFO",
    "                 answer for 法人番号s: prefills name, kana, address, capital, employees, founding)",
    "  --dry-run      check and report, write nothing",
    "  --replace      the file is the whole registry: remove firms it does not hold",
    "  --municipality CODE|SLUG  default: the file's, or the only one (Kadoma when there is none)",
    "export           --format json|csv|xlsx, -o FILE (CSV: FILE and FILE-equipment.csv);",
    "                 --public: public fields of listed firms only; same data, same bytes",
    "template -o FILE an empty workbook to fill in, with the columns and the vocabulary explained",
    "docs/companies-format.md describes the layouts.",
  ],
  async run(argv, ctx) {
    const [sub, ...rest] = argv;
    if (sub === "import") return runImport(rest, ctx);
    if (sub === "export") return runExport(rest, ctx);
    if (sub === "template") return runTemplate(rest, ctx);
    throw new UsageError(`companies: say import, export or template${sub ? ` (not "${sub}")` : ""}`);
  },
};

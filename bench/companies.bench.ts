/**
 * `npm run bench:companies`: the company registry alone (bench/companies/measure.ts), at 4,000 /
 * 40,000 / 400,000 fictitious firms on SQLite and PostgreSQL; `npm run bench` runs it too. Writes
 * docs/benchmarks-companies.md and .json. Options: --sizes 4000,40000 (default), --skip-postgres.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { postgresAnswers } from "../src/db/test-support.js";
import { measureCompanies, writeCompaniesReport, type CompaniesRow } from "./companies/measure.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "4000,40000" },
    "skip-postgres": { type: "boolean", default: false },
  },
});
const POSTGRES = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const log = (line: string) => process.stderr.write(`${line}\n`);

const dir = mkdtempSync(join(tmpdir(), "shinko-bench-companies-"));
try {
  const rows: CompaniesRow[] = [];
  const dialects: ("sqlite" | "postgres")[] = ["sqlite"];
  if (!values["skip-postgres"] && (await postgresAnswers(POSTGRES))) dialects.push("postgres");
  for (const size of values.sizes.split(",").map(Number))
    for (const d of dialects) {
      rows.push(await measureCompanies(d, size, dir, POSTGRES, log));
      rmSync(join(dir, `c${size}.db`), { force: true });
    }
  writeCompaniesReport({
    date: new Date().toISOString(),
    node: process.version,
    command: `npm run bench:companies -- --sizes ${values.sizes}${values["skip-postgres"] ? " --skip-postgres" : ""}`,
    rows,
  });
  log("wrote docs/benchmarks-companies.md and .json");
} finally {
  rmSync(dir, { recursive: true, force: true });
}

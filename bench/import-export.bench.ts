/**
 * `npm run bench:io`: import and export times alone (also part of `npm run bench`); writes
 * docs/benchmarks-import-export.md.
 */
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { ioTable, measureImportExport } from "./io/import-export.js";

const REPORT = fileURLToPath(new URL("../docs/benchmarks-import-export.md", import.meta.url));
const rows = await measureImportExport((line) => console.error(line));

writeFileSync(
  REPORT,
  `# Import and export times

Written by \`npm run bench:io\` (bench/import-export.bench.ts) on ${new Date().toISOString().slice(0, 10)},
Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB.
Medians of 10 runs (Kadoma) and 3 runs (10,000 actions), in milliseconds. The generated plan is
\`largePlan(10_000)\` (src/test/large-plan.ts): Kadoma's texts cycled over 10,000 actions in 30 measures.

- **export**: the plan document to the file's bytes (for xlsx: the table sheet, styles, merges, metadata).
- **read**: the file's bytes to a validated-shape draft (decoding, parsing, recognising cells); no database.
- **import**: read, validate, diff against the database and write in one transaction, into SQLite
  (a file database; the plan is removed before each run, so every run creates it). The generated
  plan's JSON is over the default 20 MB import limit (BODY_LIMIT); the benchmark raises it.

${ioTable(rows).join("\n")}
`,
);
console.error(`wrote ${REPORT}`);

import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { validatePlanDocument } from "../../src/core/plan/plan.rules.js";
import { toDocument, toRows } from "../../src/core/plan/plan.mapper.js";
import type { PlanDocument } from "../../src/core/plan/plan.schema.js";
import { serializePlan } from "../../src/core/plan/plan.serialize.js";
import type { Issue } from "../../src/core/errors.js";
import { parseOfficialTable } from "../../src/io/table/parse.js";
import { readTsv } from "../../src/io/tsv/tsv-reader.js";
import { proposePlanValues, type ValueProposal } from "../../src/core/indicators/extract.js";
import { CC_BY_4_0 } from "../../src/core/plan/license.js";
import { applyCorrections } from "./corrections.js";
import { attachIndicators } from "./indicators.js";

export const SOURCE_FILE = fileURLToPath(
  new URL("../../data/sources/kadoma/action-plan-2025-02.tsv", import.meta.url),
);
export const DATASET_FILE = fileURLToPath(new URL("../../data/plans/kadoma.json", import.meta.url));
export const PROPOSALS_FILE = fileURLToPath(
  new URL("../../data/plans/kadoma.indicator-proposals.json", import.meta.url),
);

/** Facts about the municipality that the table does not print (the plan's content comes only from the table). */
const MUNICIPALITY = {
  municipalityCode: "272230",
  prefecture: "大阪府",
  // In words a reader of the city's site knows; how the file was read is in docs/kadoma-dataset.md.
  source: "門真市「門真市ものづくり産業振興計画アクションプラン」（令和7年2月末時点）の公表資料の表",
  license: CC_BY_4_0,
};

/**
 * Builds Kadoma's canonical dataset: the seed text through the generic table reader, then the
 * hand corrections of corrections.ts. Deterministic: the same inputs give the same bytes.
 */
export async function buildKadomaDataset(): Promise<{
  document: PlanDocument;
  json: string;
  warnings: Issue[];
  proposals: ValueProposal[];
  proposalsJson: string;
}> {
  const text = await readFile(SOURCE_FILE, "utf8");
  const result = parseOfficialTable(readTsv(text), {
    planId: "kadoma",
    place: (line, column) => (column === undefined ? `line ${line}` : `line ${line}, column ${column}`),
  });
  if (result.errors.length > 0 || !result.document) {
    throw new Error(
      `the seed did not read cleanly:\n${result.errors.map((e) => `${e.path}: ${e.message}`).join("\n")}`,
    );
  }
  const draft = result.document;
  applyCorrections(draft.actions);
  const proposals = proposePlanValues(draft.actions);
  attachIndicators(draft.actions, proposals);
  draft.plan = { ...draft.plan, ...MUNICIPALITY };
  const valid = validatePlanDocument(draft);
  // Through the row mapper, so keys come out in the canonical order.
  const document = toDocument(toRows(valid, { revision: 1, createdAt: "", updatedAt: "" }));
  return {
    document,
    json: serializePlan(document),
    warnings: result.warnings,
    proposals,
    proposalsJson: `${JSON.stringify(proposals, null, 2)}\n`,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes("--check");
  const { json, warnings, proposalsJson } = await buildKadomaDataset();
  for (const w of warnings) console.error(`note: ${w.path}: ${w.message}`);
  if (check) {
    const current = await readFile(DATASET_FILE, "utf8").catch(() => "");
    const currentProposals = await readFile(PROPOSALS_FILE, "utf8").catch(() => "");
    if (current !== json || currentProposals !== proposalsJson) {
      console.error("data/plans/kadoma.json or its indicator proposals are out of date: run npm run dataset");
      process.exit(1);
    }
    console.error("data/plans/kadoma.json is up to date");
  } else {
    await writeFile(DATASET_FILE, json);
    await writeFile(PROPOSALS_FILE, proposalsJson);
    console.error(`wrote ${DATASET_FILE}`);
  }
}

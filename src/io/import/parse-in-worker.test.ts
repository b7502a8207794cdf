import { describe, expect, it } from "vitest";
import { kadoma } from "../../test/fixtures.js";
import { refusal } from "../../test/import-helpers.js";
import { exportCsv } from "../csv/csv-export.js";
import { exportPlan } from "../export/export-plan.js";
import { readImportInWorker } from "./parse-in-worker.js";
import { readImport } from "./read-import.js";

// Uploads are read in a worker thread: what comes back is plain data (the draft's places as a
// table, not a function), the same draft as an in-process read, within a time and memory limit.

const PATHS = [
  "actions[0]",
  "actions[3].name",
  "actions[3].schedule[0].from",
  "actions[44].records",
  "strategies[1].name",
  "measures[2].code",
  "plan.title",
  "plan.fiscalYears.from",
];

describe("reading an upload in a worker thread", () => {
  it.each(["xlsx", "csv"] as const)("gives the draft an in-process read gives (%s)", async (format) => {
    const bytes = format === "xlsx" ? (await exportPlan(kadoma(), "xlsx")).bytes : exportCsv(kadoma());
    const options = { source: `kadoma.${format}`, format };
    const here = await readImport(bytes, options);
    const there = await readImportInWorker(bytes, options);
    const { locate: a, ...plainHere } = here;
    const { locate: b, ...plainThere } = there;
    expect(plainThere).toEqual(plainHere);
    expect(PATHS.map((p) => b!(p))).toEqual(PATHS.map((p) => a!(p)));
    expect(b!("actions[3].name")).toMatch(/^row \d+, column [A-Z]+ \(具体的アクション\)$/u);
  });

  it("passes a reader's refusal on as it is", async () => {
    const error = await refusal(
      readImportInWorker(new TextEncoder().encode("not a workbook"), { source: "x.xlsx", format: "xlsx" }),
    );
    expect(error.code).toBe("unsupported_format");
    expect(error.message).toMatch(/^x\.xlsx: /u);
  });

  it("refuses a file that takes longer than the time limit, and one that needs more memory than the limit", async () => {
    const bytes = (await exportPlan(kadoma(), "xlsx")).bytes;
    const slow = await refusal(
      readImportInWorker(bytes, { source: "k.xlsx", format: "xlsx", seconds: 0.05 }),
    );
    expect([slow.code, slow.message]).toEqual([
      "too_large",
      "k.xlsx: reading the file took longer than 0.05 s; an import reads for at most 0.05 s",
    ]);
    const big = await refusal(
      readImportInWorker(bytes, { source: "k.xlsx", format: "xlsx", memoryMb: 4, seconds: 60 }),
    );
    expect([big.code, big.message]).toEqual([
      "too_large",
      "k.xlsx: reading the file needed more than 4 MB of memory; an import may use at most that",
    ]);
  });
});

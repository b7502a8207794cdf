import { describe, expect, it } from "vitest";
import { DomainError } from "../../core/errors.js";
import { exportPlan } from "../export/export-plan.js";
import { kadoma } from "../../test/fixtures.js";
import { applyXlsxMutation } from "../../reliability/fuzz/xlsx-mutations.js";
import { readWorkbook } from "./xlsx-read.js";

async function refusal(bytes: Uint8Array): Promise<DomainError> {
  const error = await readWorkbook(bytes, "hostile.xlsx").then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("a workbook whose archive lies", () => {
  // Found by the fuzz tests (src/reliability/fuzz, seed 20261123): an entry declaring its original
  // size but unpacking to 150 MB passed the size check, and the spreadsheet library unpacked all
  // of it (seconds, and memory in proportion) before noticing.
  it("is refused when an entry unpacks to more than it declares", async () => {
    const xlsx = (await exportPlan(kadoma(), "xlsx")).bytes;
    const error = await refusal(applyXlsxMutation(xlsx, { op: "bomb", honest: false }));
    expect(error.code).toBe("unsupported_format");
    expect(error.issues).toEqual([
      { path: "hostile.xlsx", message: expect.stringContaining("xl/sharedStrings.xml") as string },
    ]);
  });

  it("is refused when an entry uses a compression a workbook does not", async () => {
    const xlsx = (await exportPlan(kadoma(), "xlsx")).bytes;
    const error = await refusal(applyXlsxMutation(xlsx, { op: "method", entry: 4, method: 12 }));
    expect(error.message).toContain("unsupported compression (12)");
  });
});

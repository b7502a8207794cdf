import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../cli/main.js";
import { testDialects } from "../../test/databases.js";
import type { PagesApp } from "../pages/testing/page-fixtures.js";
import { startReviewedApp } from "../pages/testing/review-fixtures.js";

/** The review columns of a workbook's table sheet: action number → [results, evaluation, direction, challenges]. */
async function reviewColumns(bytes: Uint8Array): Promise<{ group: unknown; rows: Map<number, unknown[]> }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as never);
  const sheet = book.worksheets[0]!;
  const first = sheet.columnCount - 3;
  const rows = new Map<number, unknown[]>();
  sheet.eachRow((row, r) => {
    if (r > 3)
      rows.set(
        Number(row.getCell(1).value),
        [0, 1, 2, 3].map((i) => row.getCell(first + i).value),
      );
  });
  return { group: sheet.getRow(2).getCell(first).value, rows };
}

describe.each(testDialects)("downloading the table with FY 2025's review on %s", (dialect) => {
  let t: PagesApp;
  let dir: string;
  beforeAll(async () => {
    t = await startReviewedApp(dialect);
    dir = mkdtempSync(join(tmpdir(), "shinko-review-export-"));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("adds the review columns through the API (?reviewYear=), published data only", async () => {
    const res = await t.app.inject({
      url: `/api/v1/plans/kadoma/export.xlsx?reviewYear=${encodeURIComponent("令和7年度")}`,
    });
    expect(res.statusCode).toBe(200);
    const { group, rows } = await reviewColumns(res.rawPayload);
    expect(group).toBe("令和7年度の振り返り");
    expect(rows.get(16)).toEqual([
      "・掲載企業の追加。【令和7年度末現在 150社掲載】",
      "A（計画どおり、または計画以上に進んでいる）\n掲載企業が目標を上回った。",
      "拡充",
      expect.stringMatching(/^・/),
    ]);
    expect(rows.get(1)!.slice(0, 3)).toEqual([null, null, null]);
    const plain = await t.app.inject({ url: "/api/v1/plans/kadoma/export.xlsx" });
    expect(plain.headers.etag).not.toBe(res.headers.etag);
    const csv = await t.app.inject({ url: "/api/v1/plans/kadoma/export.csv?reviewYear=2025" });
    expect(csv.statusCode).toBe(400);
    expect(csv.json()).toMatchObject({ error: { issues: [{ path: "query.reviewYear" }] } });
    const bad = await t.app.inject({ url: "/api/v1/plans/kadoma/export.xlsx?reviewYear=令和0年度" });
    expect(bad.statusCode).toBe(400);
  });

  it("adds them from the command line (--review-year)", async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const file = join(dir, "review.xlsx");
    const env = { DATABASE_URL: t.db.url, LOG_LEVEL: "silent" };
    const code = await runCli(
      ["export", "--format", "xlsx", "--review-year", "R7", "-o", file],
      { stdout, stderr },
      env,
    );
    expect(code).toBe(0);
    const { rows } = await reviewColumns(new Uint8Array(readFileSync(file)));
    expect(rows.get(23)![2]).toBe("改善");
    const err: Buffer[] = [];
    const errors = new PassThrough();
    errors.on("data", (c: Buffer) => err.push(Buffer.from(c)));
    const refused = await runCli(
      ["export", "--format", "csv", "--review-year", "2025"],
      { stdout: new PassThrough(), stderr: errors },
      env,
    );
    expect(refused).not.toBe(0);
    expect(Buffer.concat(err).toString("utf8")).toContain("--review-year applies to --format xlsx only");
  });
});

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../test/app.js";
import { openTestDatabase, type TestDatabase } from "../../test/databases.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}

// A third-party tool reads the document the server serves: Redocly CLI with its recommended
// rules (redocly.yaml), offline (no telemetry, no update check).
describe("the OpenAPI document under Redocly's recommended rules", () => {
  let t: TestDatabase;
  let dir: string;
  let report: LintReport;
  let status: number | null;

  beforeAll(async () => {
    t = await openTestDatabase("sqlite");
    const app = await testApp(t);
    const document = (await app.inject({ url: "/api/v1/openapi.json" })).body;
    await app.close();
    dir = mkdtempSync(join(tmpdir(), "shinko-openapi-"));
    const file = join(dir, "openapi.json");
    writeFileSync(file, document);
    const run = spawnSync(
      "npx",
      ["--no-install", "redocly", "lint", file, "--config", join(ROOT, "redocly.yaml"), "--format=json"],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: "off",
          REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
          REDOCLY_SUPPRESS_NOTIFICATIONS: "true",
        },
        timeout: 120_000,
      },
    );
    status = run.status;
    report = JSON.parse(run.stdout) as LintReport;
  }, 150_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it("has no errors and no warnings", () => {
    const problems = report.problems.map(
      (p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`,
    );
    expect(problems).toEqual([]);
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
    expect(status).toBe(0);
  });
});

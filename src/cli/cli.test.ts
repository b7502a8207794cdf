import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cli } from "../test/cli.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../test/databases.js";
import { KADOMA_FILE, kadoma, kadomaJson, smallPlan } from "../test/fixtures.js";

describe.each(testDialects)("shinko CLI on %s", (dialect) => {
  let t: TestDatabase;
  let dir: string;
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const run = (...argv: string[]) => cli(t.url, ...argv);
  const exported = async () => (await run("export", "--format", "json")).stdout;

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), "shinko-cli-"));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe("on an empty database", () => {
    it("export says there is no plan, and exits non-zero", async () => {
      const r = await run("export", "--format", "json");
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("there are no plans in the database");
      expect(r.stdout).toBe("");
    });

    it("plans says how to import one", async () => {
      expect((await run("plans")).stdout).toContain("No plans. Import one with: shinko import FILE.json");
    });
  });

  describe("with Kadoma's plan", () => {
    beforeEach(async () => {
      const r = await run("import", KADOMA_FILE);
      expect(r.code).toBe(0);
    });

    it("imports, lists and exports the plan unchanged", async () => {
      const plans = await run("plans");
      expect(plans.stdout).toMatch(/^kadoma\tFY2024–2028\t45 actions\tas of 2025-02-28\t門真市/m);
      const out = await run("export", "--format", "json");
      expect(out.code).toBe(0);
      expect(out.stdout).toBe(kadomaJson());
      const parsed = JSON.parse(out.stdout) as {
        strategies: unknown[];
        measures: unknown[];
        actions: unknown[];
      };
      expect([parsed.strategies.length, parsed.measures.length, parsed.actions.length]).toEqual([3, 15, 45]);
    });

    it("says whether it created or replaced the plan, and writes nothing when nothing changed", async () => {
      const again = await run("import", KADOMA_FILE);
      expect(again.stdout).toMatch(/^No changes: .* holds the same plan "kadoma" .*Nothing was written\./);
      const doc = kadoma();
      doc.actions[0]!.name = "変更した名前";
      const changed = await run("import", file("changed.json", JSON.stringify(doc)));
      expect(changed.stdout).toMatch(/^Replaced plan "kadoma" .* \(revision 2\)\.\n/);
      expect(changed.stdout).toContain("  actions: 0 created, 1 changed, 0 removed, 44 unchanged");
      await run("import", KADOMA_FILE);
    });

    it("writes an export to a file with -o", async () => {
      const target = join(dir, "out.json");
      expect((await run("export", "--format", "json", "--plan", "kadoma", "-o", target)).code).toBe(0);
      expect(readFileSync(target, "utf8")).toBe(kadomaJson());
    });

    it.each([
      [
        "invalid JSON",
        '{\n  "format": "shinko-plan/1",\n  "plan": {,\n}',
        /invalid JSON at line 3, column 12/,
      ],
      [
        "a missing field",
        (() => {
          const doc = kadoma() as unknown as { actions: Record<string, unknown>[] };
          delete doc.actions[3]!.name;
          return JSON.stringify(doc);
        })(),
        /actions\[3\]\.name: is required/,
      ],
      [
        "a duplicate action number",
        (() => {
          const doc = kadoma();
          doc.actions[44]!.number = 12;
          doc.actions[0]!.name = "変更されてはならない";
          return JSON.stringify(doc);
        })(),
        /actions\[44\]\.number: duplicate action number 12 \(first at actions\[11\]\)/,
      ],
      [
        "an unknown measure",
        (() => {
          const doc = kadoma();
          doc.actions[1]!.measure = "9-9";
          return JSON.stringify(doc);
        })(),
        /actions\[1\]\.measure: action 2: unknown measure "9-9"/,
      ],
      ["not UTF-8", Buffer.from([0x7b, 0x22, 0x82, 0xa0, 0x22, 0x7d]), /not UTF-8/],
    ])("refuses %s, names the place, and leaves the database as it was", async (_what, content, message) => {
      const before = await exported();
      const r = await run("import", file("bad.json", content));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(await exported()).toBe(before);
    });

    it("refuses a file over the size limit before reading it", async () => {
      const big = file("big.json", Buffer.alloc(20 * 1024 * 1024 + 1, 0x20));
      const r = await run("import", big);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/20\.0 MB is over the 20 MB limit/);
      rmSync(big);
    });

    it("checks a file with --dry-run without writing", async () => {
      const doc = smallPlan();
      const r = await run("import", file("small.json", JSON.stringify(doc)), "--dry-run");
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        /would create plan "testshi" \(.*\)\. Nothing was written\.\n.*actions: 2 created/s,
      );
      expect((await run("plans")).stdout).not.toContain("testshi");
    });

    it("asks for --plan when there are several plans", async () => {
      await run("import", file("small.json", JSON.stringify(smallPlan())));
      const r = await run("export", "--format", "json");
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("there are 2 plans; name one with --plan (kadoma, testshi)");
      expect((await run("export", "--plan", "testshi")).stdout).toContain('"id": "testshi"');
      expect((await run("export", "--plan", "nosuch")).stderr).toContain('plan "nosuch" not found');
    });
  });

  it.each([
    [["frobnicate"], /unknown command "frobnicate"/],
    [["export", "--colour"], /export: Unknown option '--colour'/],
    [["export", "--format", "pdf"], /--format pdf is not supported/],
    [["import"], /give exactly one FILE/],
  ])("answers a wrong command line %j with exit code 2", async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("prints help for the tool and for each command", async () => {
    expect((await run("--help")).stdout).toContain("Usage: shinko <command>");
    expect((await run("export", "--help")).stdout).toContain("Usage: shinko export --format xlsx|csv|json");
  });

  it("refuses an invalid configuration, naming the variable", async () => {
    const { runCli } = await import("./main.js");
    const { Writable } = await import("node:stream");
    let err = "";
    const sink = new Writable({ write: (c: Buffer, _e, done) => ((err += c.toString()), done()) });
    const code = await runCli(
      ["plans"],
      { stdout: sink, stderr: sink },
      { PORT: "eighty", DATABASE_URL: t.url },
    );
    expect(code).toBe(2);
    expect(err).toMatch(/PORT:/);
  });
});

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// `npm test` must pass on a machine without PostgreSQL. A file whose every test sits in a
// `describe.each(list)` over a list narrowed from `testDialects` registers no test there, and vitest
// fails it ("No test suite found"). Machines with PostgreSQL (CI) would never notice, so this check
// reads the sources: PostgreSQL-only tests use `it.runIf(dialect === "postgres")` or
// `describe.runIf(testDialects.includes("postgres"))`, which vitest reports as skipped.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return /\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Lines that build a list of dialects that may be empty (on a machine without PostgreSQL). */
function narrowedDialectLists(source: string): string[] {
  const narrowing =
    /testDialects\s*\.\s*(filter|slice|find|flatMap|map|splice)\b|\[\s*\.\.\.testDialects|\.each\(\s*\[\s*["']postgres["']\s*\]\s*\)|POSTGRES_URL\s*\?\s*\[/;
  return source
    .split("\n")
    .map((line, i) => `${i + 1}: ${line.trim()}`)
    .filter((line) => narrowing.test(line));
}

describe("the test files without PostgreSQL", () => {
  const self = join("src", "test", "test-files.test.ts");
  const files = ["src", "scripts", "bench"].flatMap(testFiles);

  it("finds the test files", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain(join("src", "core", "plan", "plan.seed.test.ts"));
  });

  it("recognises a list of dialects that is empty without PostgreSQL", () => {
    expect(
      narrowedDialectLists('const dialects = testDialects.filter((d) => d === "postgres");'),
    ).toHaveLength(1);
    expect(narrowedDialectLists('describe.each(["postgres"])("on %s", () => {});')).toHaveLength(1);
    expect(narrowedDialectLists('const d = POSTGRES_URL ? ["postgres"] : [];')).toHaveLength(1);
    expect(narrowedDialectLists("describe.each(testDialects)(")).toEqual([]);
    expect(narrowedDialectLists('describe.runIf(testDialects.includes("postgres"))(')).toEqual([]);
  });

  it("never narrow the list of dialects (a file would have no test and fail)", () => {
    const found = files
      .filter((file) => file !== self)
      .flatMap((file) =>
        narrowedDialectLists(readFileSync(join(ROOT, file), "utf8")).map(
          (line) => `${relative(".", file)}:${line}`,
        ),
      );
    expect(found).toEqual([]);
  });
});

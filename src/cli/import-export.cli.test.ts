import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import Encoding from "encoding-japanese";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testDialects, type TestDatabase } from "../test/databases.js";
import { KADOMA_FILE, kadomaJson } from "../test/fixtures.js";
import { runCli } from "./main.js";
import { createProgress } from "./progress.js";

async function cli(args: string[], url: string, tty = false) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (c: Buffer) => out.push(Buffer.from(c)));
  stderr.on("data", (c: Buffer) => err.push(Buffer.from(c)));
  Object.assign(stdout, { isTTY: tty });
  const code = await runCli(args, { stdout, stderr }, { DATABASE_URL: url, LOG_LEVEL: "silent" });
  return {
    code,
    bytes: Buffer.concat(out),
    stdout: Buffer.concat(out).toString("utf8"),
    stderr: Buffer.concat(err).toString("utf8"),
  };
}

describe.each(testDialects)("shinko import and export on %s", (dialect) => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), "shinko-cli-"));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("imports JSON, exports xlsx into a directory under the plan's name, and imports it back unchanged", async () => {
    expect((await cli(["import", KADOMA_FILE], t.url)).code).toBe(0);
    const exported = await cli(["export", "--format", "xlsx", "-o", dir], t.url);
    expect(exported).toMatchObject({ code: 0 });
    const file = join(dir, "門真市ものづくり産業振興計画アクションプラン_2025-02-28.xlsx");
    expect(exported.stderr).toBe(`Wrote ${file}\n`);
    const again = await cli(["import", file], t.url);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^No changes: .*Nothing was written\.$/m);
    expect((await cli(["export"], t.url)).stdout).toBe(kadomaJson());
  });

  it("lists per-action changes in a dry run and writes nothing (exit 0)", async () => {
    const csv = (await cli(["export", "--format", "csv", "--encoding", "sjis"], t.url)).bytes;
    const text = new TextDecoder("shift_jis")
      .decode(csv)
      .replace("新たなDX推進施策の検討・実施", "新たなDX推進施策の実施");
    // Saved again in Shift_JIS, as Excel's plain "CSV" does.
    writeFileSync(
      join(dir, "edited.csv"),
      Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: "SJIS", from: "UNICODE" })),
    );
    const dry = await cli(["import", join(dir, "edited.csv"), "--dry-run"], t.url);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('would replace plan "kadoma"');
    expect(dry.stdout).toContain("  actions: 0 created, 1 changed, 0 removed, 44 unchanged");
    expect(dry.stdout).toContain("    ~ 3 新たなDX推進施策の実施: name");
    expect((await cli(["export"], t.url)).stdout).toBe(kadomaJson());
  });

  it("refuses a bad file with exit 1, naming the row and column", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "番号,具体的施策コード,具体的アクション,開始年度\n1,1-1,A,令和0年度\n");
    const r = await cli(["import", bad, "--plan", "kadoma"], t.url);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("row 2, column D (開始年度): 令和0年 does not exist");
    expect((await cli(["export"], t.url)).stdout).toBe(kadomaJson());
  });

  it("answers a wrong command line with exit 2", async () => {
    expect((await cli(["import", "plan.pdf"], t.url)).code).toBe(2);
    expect((await cli(["import", KADOMA_FILE, "--format", "pdf"], t.url)).code).toBe(2);
    expect((await cli(["export", "--format", "csv", "--encoding", "latin1"], t.url)).code).toBe(2);
    const tty = await cli(["export", "--format", "xlsx"], t.url, true);
    expect(tty.code).toBe(2);
    expect(tty.stderr).toContain("an .xlsx workbook is binary; give -o FILE");
  });

  it("says when the file does not exist (exit 1)", async () => {
    const r = await cli(["import", join(dir, "missing.xlsx")], t.url);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no such file");
  });
});

describe("the progress bar", () => {
  const stream = (isTTY: boolean) => {
    const writes: string[] = [];
    return { writes, isTTY, columns: 100, write: (s: string) => writes.push(s) };
  };

  it("appears on a terminal only after a second, and is cleared at the end", () => {
    let now = 0;
    const s = stream(true);
    const progress = createProgress(s, { now: () => now, intervalMs: 60_000 });
    progress.listener("reading rows", 10, 100);
    expect(s.writes).toEqual([]);
    now = 1500;
    progress.listener("reading rows", 50, 100);
    expect(s.writes).toEqual([
      `\rimporting [${"█".repeat(12)}${"░".repeat(12)}]  50% reading rows 50/100\u001b[K`,
    ]);
    progress.done();
    expect(s.writes.at(-1)).toBe("\r\u001b[K");
  });

  it("never draws into a pipe or a log", () => {
    let now = 0;
    const s = stream(false);
    const progress = createProgress(s, { now: () => now });
    now = 5000;
    progress.listener("writing");
    progress.done();
    expect(s.writes).toEqual([]);
  });
});

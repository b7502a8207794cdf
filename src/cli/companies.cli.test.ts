import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import Encoding from "encoding-japanese";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testDialects, type TestDatabase } from "../test/databases.js";
import { runCli } from "./main.js";

async function cli(args: string[], url: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (c: Buffer) => out.push(Buffer.from(c)));
  stderr.on("data", (c: Buffer) => err.push(Buffer.from(c)));
  const code = await runCli(args, { stdout, stderr }, { DATABASE_URL: url, LOG_LEVEL: "silent" });
  return {
    code,
    bytes: Buffer.concat(out),
    stdout: Buffer.concat(out).toString("utf8"),
    stderr: Buffer.concat(err).toString("utf8"),
  };
}

const HEADER = "ID,法人番号,企業名,町名,加工,電話,非公開項目";

describe.each(testDialects)("shinko companies and demo on %s", (dialect) => {
  let t: TestDatabase;
  let fresh: TestDatabase;
  let dir: string;
  const file = (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  /** Everything a refused import must leave as it was. */
  const state = async (db: TestDatabase) => {
    const count = async (table: "companies" | "company_changes" | "equipment_specs") =>
      Number(
        (
          await db.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return [await count("companies"), await count("company_changes"), await count("equipment_specs")];
  };
  const refused = async (args: string[], expected: RegExp) => {
    const before = await state(t);
    const r = await cli(["companies", "import", ...args], t.url);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(expected);
    expect(await state(t)).toEqual(before);
  };

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    fresh = await openTestDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), "shinko-companies-"));
  });
  afterAll(async () => {
    await t.close();
    await fresh.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("loads clearly labelled fictitious firms into Kadoma, once", async () => {
    const r = await cli(["demo", "--companies", "30"], t.url);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("30 created");
    const names = await t.db.selectFrom("companies").select(["name", "municipality_code"]).execute();
    expect(names).toHaveLength(30);
    expect(names.every((n) => n.name.endsWith("（架空）") && n.municipality_code === "272230")).toBe(true);
    expect((await cli(["demo", "--companies", "30"], t.url)).stdout).toContain(
      "0 created, 0 changed, 30 unchanged",
    );
  });

  it("exports the same bytes twice, and a fresh database imports them back to the same bytes (json, xlsx)", async () => {
    for (const format of ["json", "xlsx"]) {
      const a = join(dir, `a.${format}`);
      const b = join(dir, `b.${format}`);
      expect((await cli(["companies", "export", "--format", format, "-o", a], t.url)).code).toBe(0);
      expect((await cli(["companies", "export", "--format", format, "-o", b], t.url)).code).toBe(0);
      expect(readFileSync(a).equals(readFileSync(b)), format).toBe(true);
    }
    const imported = await cli(["companies", "import", join(dir, "a.json")], fresh.url);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("30 created");
    const again = join(dir, "c.json");
    await cli(["companies", "export", "--format", "json", "-o", again], fresh.url);
    expect(readFileSync(again).toString()).toBe(readFileSync(join(dir, "a.json")).toString());
    const xlsx = await cli(["companies", "import", join(dir, "a.xlsx"), "--dry-run"], fresh.url);
    expect(xlsx.code, xlsx.stderr).toBe(0);
    expect(xlsx.stdout).toContain("0 created, 0 changed, 0 removed, 30 unchanged");
  });

  it("round-trips the CSV pair (companies and equipment), and reads Shift_JIS", async () => {
    const csv = join(dir, "firms.csv");
    expect((await cli(["companies", "export", "--format", "csv", "-o", csv], t.url)).code).toBe(0);
    const r = await cli(["companies", "import", csv, "--dry-run"], t.url);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("30 unchanged");
    const sjis = Uint8Array.from(
      Encoding.convert(Encoding.stringToCode(`${HEADER}\r\nsjis-1,,大阪鉄工（架空）,宮野町,溶接,,\r\n`), {
        to: "SJIS",
        from: "UNICODE",
      }),
    );
    const s = await cli(["companies", "import", file("sjis.csv", sjis), "--dry-run"], t.url);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toContain("created  sjis-1  大阪鉄工（架空）");
    expect(s.stdout).toContain("Dry run: nothing was written.");
    expect(
      (await t.db.selectFrom("companies").select("id").where("id", "=", "sjis-1").execute()).length,
    ).toBe(0);
  });

  it("refuses bad input naming the place, exits 1 and leaves the database as it was", async () => {
    const doc = (companies: unknown[]) =>
      JSON.stringify({ format: "shinko-companies/1", municipality: "272230", companies });
    await refused(
      [file("digit.json", doc([{ name: "甲（架空）", town: "宮野町", corporateNumber: "1000012050002" }]))],
      /companies\[0\]\.corporateNumber: check digit is wrong \(expected 7\)/,
    );
    await refused(
      [
        file(
          "dup.json",
          doc([
            { id: "x", name: "甲（架空）", town: "宮野町" },
            { id: "x", name: "乙（架空）", town: "宮野町" },
          ]),
        ),
      ],
      /companies\[1\]\.id: 「x」 is also the id of companies\[0\]/,
    );
    await refused(
      [file("process.csv", `${HEADER}\r\np-1,,甲（架空）,宮野町,魔法加工,,\r\n`)],
      /process\.csv row 2, column E \(加工\): "魔法加工" is not a known process/,
    );
    await refused(
      [
        file(
          "mangled.csv",
          `${HEADER}\r\nm-1,7.00001E+12,甲（架空）,宮野町,,,\r\nm-2,,乙（架空）,宮野町,,612345678,\r\n`,
        ),
      ],
      /mangled\.csv row 2, column B \(法人番号\): was turned into a number by a spreadsheet program[\s\S]*row 3, column F \(電話\): looks like a number that lost its leading 0/,
    );
    file("spec.csv", `${HEADER}\r\ns-1,,甲（架空）,宮野町,プレス加工,,\r\n`);
    file("spec-equipment.csv", "企業ID,設備,加圧能力（kN）\r\ns-1,プレス機,トン\r\n");
    await refused(
      [join(dir, "spec.csv")],
      /spec-equipment\.csv row 2, column C \(加圧能力（kN）\): "トン" has no number/,
    );
  });

  it("updates the company with the same 法人番号 instead of adding a second, and prefills from gBizINFO", async () => {
    const first = await cli(
      [
        "companies",
        "import",
        file("n1.csv", `${HEADER}\r\n,7000012050002,国税工業（架空）,宮野町,溶接,06-0000-1111,電話\r\n`),
      ],
      t.url,
    );
    expect(first.code, first.stderr).toBe(0);
    const second = await cli(
      [
        "companies",
        "import",
        file(
          "n2.csv",
          `${HEADER}\r\n,7000012050002,国税工業（架空）,宮野町,溶接; プレス加工,06-0000-1111,電話\r\n`,
        ),
      ],
      t.url,
    );
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/changed {2}c-\w+ {2}国税工業（架空） {2}\(processes\)/);
    const rows = await t.db
      .selectFrom("companies")
      .selectAll()
      .where("corporate_number", "=", "7000012050002")
      .execute();
    expect(rows).toHaveLength(1);
    const gbiz = {
      "hojin-infos": [
        {
          corporate_number: "7000012050002",
          name: "国税工業（架空）",
          kana: "コクゼイコウギョウ",
          location: "大阪府門真市宮野町１－１",
          capital_stock: 30000000,
          employee_number: 42,
          date_of_establishment: "1975-04-01",
        },
      ],
    };
    const g = await cli(["companies", "import", file("gbiz.json", JSON.stringify(gbiz))], t.url);
    expect(g.code, g.stderr).toBe(0);
    expect(g.stdout).toContain("(nameKana, address, employees, founded, capital)");
    const data = JSON.parse(
      (
        await t.db
          .selectFrom("companies")
          .select("data")
          .where("corporate_number", "=", "7000012050002")
          .executeTakeFirstOrThrow()
      ).data,
    ) as Record<string, unknown>;
    expect(data).toMatchObject({
      capital: 30000000,
      employees: { min: 42, max: 42 },
      founded: 1975,
      processes: ["溶接", "プレス加工"],
      phone: "06-0000-1111",
    });
  });
});

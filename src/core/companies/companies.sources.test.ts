import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { seedTestFirms, TEST_FIRMS } from "../../test/companies.js";
import { DomainError } from "../errors.js";
import { currentFiscalYear } from "../fiscal/index.js";
import { sourceRegistry } from "../indicator-sources/all-sources.js";
import { computeSource } from "../indicator-sources/compute.service.js";
import { createCompany, updateCompany } from "./company.service.js";
import type { Clock } from "../clock.js";

class TestClock implements Clock {
  constructor(public at: string) {}
  now() {
    return new Date(this.at);
  }
}

const KADOMA = "272230";

describe.each(testDialects)("the company registry's indicator sources on %s", (dialect) => {
  let t: TestDatabase;
  const fy = currentFiscalYear();
  const value = (source: string, params: unknown = {}, fiscalYear = fy, clock?: Clock) =>
    computeSource(t.db, sourceRegistry, { source, params, municipalityCode: KADOMA, fiscalYear }, clock);
  const refused = async (p: Promise<unknown>) => {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).issues.map((i) => i.path);
  };

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => t.close());

  it("are registered with their unit and definition", () => {
    const listed = sourceRegistry.list().filter((s) => s.id.startsWith("companies."));
    expect(listed.map((s) => [s.id, s.unit, s.period, s.readsPast])).toEqual([
      ["companies.by_process", "社", "at_date", true],
      ["companies.listed", "社", "at_date", true],
      ["companies.with_certification", "社", "at_date", true],
    ]);
    for (const s of listed) expect(s.definition.ja.length).toBeGreaterThan(20);
  });

  it("give 0 from an empty registry, and say that it is empty", async () => {
    const empty = await value("companies.listed");
    expect(empty).toMatchObject({
      value: 0,
      count: 0,
      empty: true,
      link: { href: "/companies", public: true },
    });
    expect(await value("companies.by_process", { process: "切削加工" })).toMatchObject({
      value: 0,
      empty: true,
    });
  });

  it("count the firms listed at a date from the history, by certification and by process (children included)", async () => {
    await seedTestFirms(t.db);
    expect(await value("companies.listed")).toMatchObject({ value: TEST_FIRMS.length, empty: false });
    // At the end of the year before, none of them had been entered yet.
    expect(await value("companies.listed", {}, fy - 1)).toMatchObject({ value: 0, empty: true, final: true });
    expect(await value("companies.by_process", { process: "プレス加工" }, fy - 1)).toMatchObject({
      value: 0,
      empty: true,
    });
    expect(await value("companies.with_certification", { certification: "ISO 9001" })).toMatchObject({
      value: 1,
      link: { href: `/companies?certification=ISO+9001`, public: true },
    });
    // 切削加工 finds the firm that lists only マシニング加工.
    expect(await value("companies.by_process", { process: "切削加工" })).toMatchObject({
      value: 1,
      empty: false,
    });
    // プレス加工: two firms list it, a third lists 深絞り加工 under it.
    expect(await value("companies.by_process", { process: "プレス加工" })).toMatchObject({ value: 3 });
  });

  it("change when a company is added or taken off the portal", async () => {
    const before = (await value("companies.listed")).value;
    await t.db.transaction().execute((trx) =>
      createCompany(trx, KADOMA, {
        id: "new-cutter",
        name: "新規切削（架空）",
        town: "宮野町",
        processes: ["旋盤加工"],
      }),
    );
    expect((await value("companies.listed")).value).toBe(before + 1);
    expect((await value("companies.by_process", { process: "切削加工" })).value).toBe(2);
    await t.db
      .transaction()
      .execute((trx) =>
        updateCompany(trx, "new-cutter", { name: "新規切削（架空）", town: "宮野町", listed: false }),
      );
    expect((await value("companies.listed")).value).toBe(before);
  });

  it("answer for the end of a past fiscal year from the history, not from today's records", async () => {
    // Entered in January of the calendar year fy, so inside fiscal year fy - 1 (April to March).
    const past = new TestClock(`${fy}-01-15T00:00:00Z`);
    const firm = { id: "old-plater", name: "旧めっき（架空）", town: "宮野町" };
    await t.db
      .transaction()
      .execute((trx) =>
        createCompany(
          trx,
          KADOMA,
          { ...firm, processes: ["電気めっき"], certifications: [{ name: "エコアクション21" }] },
          { clock: past },
        ),
      );
    // Today it dropped both: the year-end figure keeps what the portal showed then.
    await t.db
      .transaction()
      .execute((trx) => updateCompany(trx, firm.id, { ...firm, processes: ["塗装"], certifications: [] }));
    const cert = { certification: "エコアクション21" };
    expect((await value("companies.by_process", { process: "めっき" }, fy - 1)).value).toBe(1);
    expect((await value("companies.with_certification", cert, fy - 1)).value).toBe(1);
    expect((await value("companies.by_process", { process: "めっき" })).value).toBe(0);
    expect((await value("companies.with_certification", cert)).value).toBe(0);
    expect((await value("companies.by_process", { process: "塗装" }, fy - 1)).value).toBe(0);
  });

  it("refuse an unknown process or certification by its parameter", async () => {
    expect(await refused(value("companies.by_process", { process: "空中浮遊加工" }))).toEqual([
      "params.process",
    ]);
    expect(await refused(value("companies.with_certification", {}))).toEqual(["params.certification"]);
  });
});

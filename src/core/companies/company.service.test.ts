import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTestFirms } from "../../test/companies.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import type { Clock } from "../clock.js";
import { DomainError } from "../errors.js";
import { KADOMA } from "../municipalities/municipality.js";
import { companyToInput } from "./company.rules.js";
import {
  companyHistory,
  companiesListedAt,
  createCompany,
  deleteCompany,
  getCompany,
  getCompanyFor,
  updateCompany,
  verifyCompanyFields,
} from "./company.service.js";

const at = (iso: string): Clock => ({ now: () => new Date(iso) });

describe.each(testDialects)("company service on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await seedTestFirms(t.db);
  });
  afterAll(() => t.close());
  const tx = <T>(fn: (trx: TestDatabase["db"]) => Promise<T>) => t.db.transaction().execute(fn);

  it("stores specs in their unit and keeps the names of the vocabulary", async () => {
    const c = await getCompany(t.db, "press-200t");
    expect(c.equipment[0]).toEqual({
      kind: "プレス機",
      maker: "",
      model: "",
      count: 1,
      specs: { bedWidthMm: 1500, pressForceKn: 1961.33 },
    });
    expect(c.employees).toEqual({ min: 20, max: 49 });
    expect(c.fields.phone).toMatchObject({ visibility: "public", source: "city" });
    expect(c.fields.contactPerson?.visibility).toBe("private");
  });

  it("shows the public a company without its private fields", async () => {
    const pub = await getCompanyFor(t.db, "welder", "public");
    expect(pub).not.toHaveProperty("phone");
    expect(pub).not.toHaveProperty("notes");
    expect(pub.fields).not.toHaveProperty("phone");
    expect((await getCompanyFor(t.db, "welder", "staff")) as { phone: string }).toMatchObject({
      phone: "06-9999-0001",
    });
  });

  it("refuses bad values naming each place, and writes nothing", async () => {
    const bad = {
      name: "不正（架空）",
      town: "宮野町",
      corporateNumber: "1000012050002",
      processes: ["プレス加工", "魔法加工"],
      equipment: [{ kind: "プレス機", specs: { pressForceKn: "t" } }],
    };
    const error = await tx((trx) => createCompany(trx, KADOMA.code, bad)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    const issues = (error as DomainError).issues;
    expect(issues.map((i) => i.path)).toEqual([
      "corporateNumber",
      "processes[1]",
      "equipment[0].specs.pressForceKn",
    ]);
    expect(issues[0]?.message).toBe("check digit is wrong (expected 7)");
    expect(issues[1]?.message).toContain('"魔法加工" is not a known process');
    expect(issues[2]?.message).toContain("has no number");
    const count = await t.db
      .selectFrom("companies")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(5);
  });

  it("refuses a second company with the same 法人番号", async () => {
    await tx((trx) =>
      createCompany(trx, KADOMA.code, {
        id: "nta-a",
        name: "甲（架空）",
        town: "宮野町",
        corporateNumber: "7000012050002",
      }),
    );
    await expect(
      tx((trx) =>
        createCompany(trx, KADOMA.code, {
          name: "乙（架空）",
          town: "宮野町",
          corporateNumber: "7000012050002",
        }),
      ),
    ).rejects.toMatchObject({ issues: [{ path: "corporateNumber", message: 'is already company "nta-a"' }] });
  });

  it("keeps who supplied each field and when the city verified it; a firm's edit is unverified", async () => {
    await tx((trx) =>
      createCompany(
        trx,
        KADOMA.code,
        { id: "prov", name: "来歴（架空）", town: "宮野町", phone: "06-1" },
        { clock: at("2025-01-01T00:00:00Z") },
      ),
    );
    const stored = await getCompany(t.db, "prov");
    await tx((trx) =>
      updateCompany(
        trx,
        "prov",
        { ...companyToInput(stored), phone: "06-2" },
        { baseVersion: 1 },
        { clock: at("2025-02-01T00:00:00Z"), supplier: "firm" },
      ),
    );
    const after = await getCompany(t.db, "prov");
    expect(after.version).toBe(2);
    expect(after.fields.phone).toEqual({
      visibility: "public",
      source: "firm",
      updatedAt: "2025-02-01T00:00:00.000Z",
      verifiedAt: null,
    });
    expect(after.fields.name).toEqual({
      visibility: "public",
      source: "city",
      updatedAt: "2025-01-01T00:00:00.000Z",
      verifiedAt: "2025-01-01T00:00:00.000Z",
    });
    await expect(
      tx((trx) => updateCompany(trx, "prov", companyToInput(stored), { baseVersion: 1 })),
    ).rejects.toMatchObject({ code: "conflict" });
    const verified = await tx((trx) =>
      verifyCompanyFields(trx, "prov", ["phone"], { clock: at("2025-02-02T00:00:00Z") }),
    );
    expect(verified.fields.phone?.verifiedAt).toBe("2025-02-02T00:00:00.000Z");
    expect((await companyHistory(t.db, "prov")).map((h) => h.summary)).toEqual([
      "verified phone",
      "changed phone",
      "created 来歴（架空）",
    ]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("kind")
      .where("subject_id", "=", "prov")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.kind)).toEqual(["company.created", "company.updated", "company.verified"]);
  });

  it("rebuilds which companies were listed at a moment from the history", async () => {
    await tx((trx) =>
      createCompany(
        trx,
        KADOMA.code,
        { id: "gone", name: "廃業（架空）", town: "宮野町" },
        { clock: at("2024-06-01T00:00:00Z") },
      ),
    );
    await tx((trx) => deleteCompany(trx, "gone", { clock: at("2025-06-01T00:00:00Z") }));
    expect(await companiesListedAt(t.db, KADOMA.code, "2025-03-31T23:59:59Z")).toContain("gone");
    expect(await companiesListedAt(t.db, KADOMA.code, "2025-07-01T00:00:00Z")).not.toContain("gone");
    await expect(getCompany(t.db, "gone")).rejects.toMatchObject({ code: "not_found" });
  });
});

import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Company } from "./company.schema.js";
import { isPublic, publicView, searchTextOf } from "./company.visibility.js";
import { bulkInsert, chunks } from "../../db/sql-helpers.js";
import { bigrams } from "../search/normalize.js";
import { gramRows } from "./company.grams.js";
import { industryClass } from "./industry.js";
import type { Vocabulary } from "./vocabulary.js";

type Db = Kysely<Database>;

const flag = (b: boolean) => (b ? 1 : 0);

/** The facet rows of a company: what it listed, plus the parents a search by them must find. */
export function facetRows(c: Company, vocab: Vocabulary) {
  const rows = new Map<
    string,
    { company_id: string; facet: string; value: string; public: number; direct: number }
  >();
  const add = (facet: string, value: string, pub: boolean, direct: boolean) => {
    const key = `${facet}\u0000${value}`;
    const old = rows.get(key);
    if (old) old.direct = Math.max(old.direct, flag(direct));
    else rows.set(key, { company_id: c.id, facet, value, public: flag(pub), direct: flag(direct) });
  };
  for (const name of c.processes) {
    const term = vocab.resolve("process", name);
    if (!term) continue;
    vocab
      .withAncestors("process", term.code)
      .forEach((code, i) => add("process", code, isPublic(c, "processes"), i === 0));
  }
  for (const name of c.materials) {
    const term = vocab.resolve("material", name);
    if (term) add("material", term.code, isPublic(c, "materials"), true);
  }
  for (const cert of c.certifications) {
    const term = vocab.resolve("certification", cert.name);
    if (term) add("certification", term.code, isPublic(c, "certifications"), true);
  }
  for (const m of c.equipment) {
    const term = vocab.resolve("equipment", m.kind);
    if (term) add("equipment", term.code, isPublic(c, "equipment"), true);
  }
  if (c.industryCode) {
    const cls = industryClass(c.industryCode);
    for (const code of [...(cls?.parents ?? []), c.industryCode])
      add("industry", code, isPublic(c, "industryCode"), code === c.industryCode);
  }
  add("town", c.town, true, true);
  return [...rows.values()];
}

/** The row of `companies` that holds `c` (the whole record as JSON, the columns search needs). */
function companyRow(c: Company) {
  return {
    id: c.id,
    municipality_code: c.municipalityCode,
    corporate_number: c.corporateNumber,
    name: c.name,
    name_kana: c.nameKana,
    town: c.town,
    industry_code: c.industryCode,
    employees_min: c.employees?.min ?? null,
    employees_max: c.employees?.max ?? null,
    employees_public: flag(isPublic(c, "employees")),
    listed: flag(c.listed),
    data: JSON.stringify(c),
    search_public: searchTextOf(publicView(c)),
    search_staff: searchTextOf(c),
    version: c.version,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

const T = "text" as const;
const I = "integer" as const;
/** The column types of the tables a company is written to (for bulkInsert's arrays). */
const COLUMNS = {
  companies: {
    id: T,
    municipality_code: T,
    corporate_number: T,
    name: T,
    name_kana: T,
    town: T,
    industry_code: T,
    employees_min: I,
    employees_max: I,
    employees_public: I,
    listed: I,
    data: T,
    search_public: T,
    search_staff: T,
    version: I,
    created_at: T,
    updated_at: T,
  },
  company_facets: { company_id: T, facet: T, value: T, public: I, direct: I },
  equipment: { company_id: T, position: I, kind: T, maker: T, model: T, count: I, public: I },
  equipment_specs: { company_id: T, position: I, spec_key: T, value_milli: I, public: I },
  company_grams: { gram: T, company_id: T, public: I },
};

/** Deletes the dependent rows (machines, specs, facets, keyword sequences) of existing companies. */
async function deleteDependents(db: Db, ids: readonly string[]) {
  for (const batch of chunks(ids, 1)) {
    const texts = await db
      .selectFrom("companies")
      .select(["id", "search_staff"])
      .where("id", "in", batch)
      .execute();
    // By (sequence, company): the primary key, so no second index on the sequences is needed.
    for (const t of texts) {
      for (const grams of chunks([...bigrams([t.search_staff])], 1))
        await db
          .deleteFrom("company_grams")
          .where("company_id", "=", t.id)
          .where("gram", "in", grams)
          .execute();
    }
    await db.deleteFrom("equipment_specs").where("company_id", "in", batch).execute();
    await db.deleteFrom("equipment").where("company_id", "in", batch).execute();
    await db.deleteFrom("company_facets").where("company_id", "in", batch).execute();
  }
}

/**
 * Writes companies (their rows, facets, machines, specs and keyword sequences), replacing the rows
 * of those that `exists` says are there. Many companies at once go out as multi-row inserts in
 * batches (imports of thousands of firms); callers hold the transaction.
 */
export async function writeCompaniesRows(
  db: Db,
  items: readonly { company: Company; exists: boolean }[],
  vocab: Vocabulary,
): Promise<void> {
  const rows = items.map((i) => companyRow(i.company));
  const updated = items.filter((i) => i.exists).map((i) => i.company.id);
  if (updated.length > 0) await deleteDependents(db, updated);
  const fresh: ReturnType<typeof companyRow>[] = [];
  for (const [k, row] of rows.entries()) {
    if (!items[k]!.exists) {
      fresh.push(row);
      continue;
    }
    const { id, ...rest } = row;
    await db.updateTable("companies").set(rest).where("id", "=", id).execute();
  }
  await bulkInsert(db, "companies", COLUMNS.companies, fresh);
  await bulkInsert(
    db,
    "company_facets",
    COLUMNS.company_facets,
    items.flatMap((i) => facetRows(i.company, vocab)),
  );
  const machines = items.flatMap(({ company: c }) => {
    const pub = flag(isPublic(c, "equipment"));
    return c.equipment.map((m, position) => ({
      company_id: c.id,
      position,
      kind: vocab.resolve("equipment", m.kind)?.code ?? m.kind,
      maker: m.maker,
      model: m.model,
      count: m.count,
      public: pub,
    }));
  });
  await bulkInsert(db, "equipment", COLUMNS.equipment, machines);
  const specs = items.flatMap(({ company: c }) => {
    const pub = flag(isPublic(c, "equipment"));
    return c.equipment.flatMap((m, position) =>
      Object.entries(m.specs).map(([spec_key, value]) => ({
        company_id: c.id,
        position,
        spec_key,
        value_milli: Math.round(value * 1000),
        public: pub,
      })),
    );
  });
  await bulkInsert(db, "equipment_specs", COLUMNS.equipment_specs, specs);
  await bulkInsert(
    db,
    "company_grams",
    COLUMNS.company_grams,
    rows.flatMap((r) => gramRows(r.id, r.search_staff, r.search_public)),
  );
}

/** Replaces every row of a company (its row, facets, machines, specs, keyword sequences) with `c`. */
export async function writeCompanyRows(
  db: Db,
  c: Company,
  vocab: Vocabulary,
  exists: boolean,
): Promise<void> {
  await writeCompaniesRows(db, [{ company: c, exists }], vocab);
}

export async function deleteCompanyRows(db: Db, id: string): Promise<void> {
  await deleteDependents(db, [id]);
  await db.deleteFrom("companies").where("id", "=", id).execute();
}

export async function loadCompany(db: Db, id: string): Promise<Company | undefined> {
  const row = await db.selectFrom("companies").select("data").where("id", "=", id).executeTakeFirst();
  return row ? (JSON.parse(row.data) as Company) : undefined;
}

/** Companies by id, in the order of `ids` (unknown ids are skipped). */
export async function loadCompanies(db: Db, ids: readonly string[]): Promise<Company[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("companies").select(["id", "data"]).where("id", "in", ids).execute();
  const byId = new Map(rows.map((r) => [r.id, JSON.parse(r.data) as Company]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function findCompanyIdByCorporateNumber(
  db: Db,
  municipalityCode: string,
  corporateNumber: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("companies")
    .select("id")
    .where("municipality_code", "=", municipalityCode)
    .where("corporate_number", "=", corporateNumber)
    .executeTakeFirst();
  return row?.id;
}

/** A municipality's companies with one of these ids or 法人番号 (what an import file can touch). */
export async function companiesNamed(
  db: Db,
  municipalityCode: string,
  ids: readonly string[],
  corporateNumbers: readonly string[],
): Promise<Company[]> {
  const out = new Map<string, Company>();
  const read = async (column: "id" | "corporate_number", values: readonly string[]) => {
    for (const batch of chunks(values, 1)) {
      const rows = await db
        .selectFrom("companies")
        .select(["id", "data"])
        .where("municipality_code", "=", municipalityCode)
        .where(column, "in", batch)
        .execute();
      for (const r of rows) out.set(r.id, JSON.parse(r.data) as Company);
    }
  };
  await read("id", ids);
  await read("corporate_number", corporateNumbers);
  return [...out.values()];
}

/** Every company of a municipality, ordered by id (exports are deterministic). */
export async function listMunicipalityCompanies(db: Db, municipalityCode: string): Promise<Company[]> {
  const rows = await db
    .selectFrom("companies")
    .select("data")
    .where("municipality_code", "=", municipalityCode)
    .orderBy("id")
    .execute();
  return rows.map((r) => JSON.parse(r.data) as Company);
}

export async function nextCompanyVersion(db: Db, id: string): Promise<number> {
  const row = await db
    .selectFrom("company_changes")
    .select((eb) => eb.fn.max("version").as("v"))
    .where("company_id", "=", id)
    .executeTakeFirst();
  return Number(row?.v ?? 0) + 1;
}

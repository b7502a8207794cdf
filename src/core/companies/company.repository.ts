import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Company } from "./company.schema.js";
import { isPublic, publicView, searchTextOf } from "./company.visibility.js";
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

/** Replaces every row of a company (its row, facets, machines and specs) with `c`. */
export async function writeCompanyRows(
  db: Db,
  c: Company,
  vocab: Vocabulary,
  exists: boolean,
): Promise<void> {
  const row = {
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
  if (exists) {
    await db.deleteFrom("equipment_specs").where("company_id", "=", c.id).execute();
    await db.deleteFrom("equipment").where("company_id", "=", c.id).execute();
    await db.deleteFrom("company_facets").where("company_id", "=", c.id).execute();
    const { id, ...rest } = row;
    await db.updateTable("companies").set(rest).where("id", "=", id).execute();
  } else {
    await db.insertInto("companies").values(row).execute();
  }
  const facets = facetRows(c, vocab);
  if (facets.length > 0) await db.insertInto("company_facets").values(facets).execute();
  const pub = flag(isPublic(c, "equipment"));
  const machines = c.equipment.map((m, position) => ({
    company_id: c.id,
    position,
    kind: vocab.resolve("equipment", m.kind)?.code ?? m.kind,
    maker: m.maker,
    model: m.model,
    count: m.count,
    public: pub,
  }));
  if (machines.length > 0) await db.insertInto("equipment").values(machines).execute();
  const specs = c.equipment.flatMap((m, position) =>
    Object.entries(m.specs).map(([spec_key, value]) => ({
      company_id: c.id,
      position,
      spec_key,
      value_milli: Math.round(value * 1000),
      public: pub,
    })),
  );
  if (specs.length > 0) await db.insertInto("equipment_specs").values(specs).execute();
}

export async function deleteCompanyRows(db: Db, id: string): Promise<void> {
  await db.deleteFrom("equipment_specs").where("company_id", "=", id).execute();
  await db.deleteFrom("equipment").where("company_id", "=", id).execute();
  await db.deleteFrom("company_facets").where("company_id", "=", id).execute();
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

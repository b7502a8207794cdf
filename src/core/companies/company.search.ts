import { sql, type ExpressionBuilder, type Expression, type Kysely, type SqlBool } from "kysely";
import type { Database } from "../../db/schema.js";
import { validationError, type Issue } from "../errors.js";
import { searchTerms } from "../search/normalize.js";
import type { Company, PublicCompany } from "./company.schema.js";
import { termCondition } from "./company.grams.js";
import { loadCompanies } from "./company.repository.js";
import { viewFor, type Audience } from "./company.visibility.js";
import { industryClass } from "./industry.js";
import { SPEC_BY_KEY } from "./specs.js";
import type { Vocabulary, VocabularyKind } from "./vocabulary.js";

type Db = Kysely<Database>;

export const FACETS = ["process", "material", "equipment", "certification", "industry", "town"] as const;
export type Facet = (typeof FACETS)[number];

export interface SpecRange {
  /** A key of the spec catalogue: pressForceKn. */
  key: string;
  /** In the spec's unit (kN for pressForceKn). */
  min?: number | undefined;
  max?: number | undefined;
}

export interface CompanyQuery {
  /** Only this municipality's companies (全国地方公共団体コード); all when absent. */
  municipalityCode?: string | undefined;
  /** Words, all of which must occur (width and case ignored). */
  q?: string | undefined;
  /** Per facet, the values chosen (names or codes); OR within a facet, AND across facets. */
  filters?: Partial<Record<Facet, readonly string[]>>;
  /** Ranges on one machine: a firm matches when one of its machines meets every range. */
  specs?: readonly SpecRange[];
  employeesMin?: number | undefined;
  employeesMax?: number | undefined;
  sort?: "name" | "updated" | "employees";
  page?: number;
  pageSize?: number;
}

export interface FacetCount {
  value: string;
  /** The Japanese name (process, material …), the industry name, or the town itself. */
  name: string;
  /** For processes and industries: the value above it, so a page can draw the tree. */
  parent: string | null;
  count: number;
  selected: boolean;
}

export interface CompanySearchResult<C> {
  total: number;
  page: number;
  pageSize: number;
  /** Per facet, how many results choosing each value would give (the other facets' filters applied). */
  facets: Record<Facet, FacetCount[]>;
  companies: C[];
}

const VOCAB_FACET: Partial<Record<Facet, VocabularyKind>> = {
  process: "process",
  material: "material",
  equipment: "equipment",
  certification: "certification",
};

/** Facet values as stored (vocabulary codes, industry codes, towns), refusing unknown ones by name. */
function resolveFilters(query: CompanyQuery, vocab: Vocabulary): Map<Facet, string[]> {
  const issues: Issue[] = [];
  const out = new Map<Facet, string[]>();
  for (const facet of FACETS) {
    const values = query.filters?.[facet];
    if (!values || values.length === 0) continue;
    const kind = VOCAB_FACET[facet];
    const codes = values.flatMap((v) => {
      if (kind) {
        const term = vocab.resolve(kind, v);
        if (!term) issues.push({ path: `query.${facet}`, message: `"${v}" is not a known ${kind}` });
        return term ? [term.code] : [];
      }
      if (facet === "industry") {
        const code = v.normalize("NFKC").trim();
        if (!industryClass(code))
          issues.push({ path: "query.industry", message: `"${v}" is not a manufacturing industry code` });
        return [code];
      }
      return [v.normalize("NFKC").trim()];
    });
    out.set(facet, [...new Set(codes)]);
  }
  for (const r of query.specs ?? []) {
    if (!SPEC_BY_KEY.has(r.key))
      issues.push({ path: `query.${r.key}Min`, message: `"${r.key}" is not a known spec` });
  }
  if (issues.length > 0) throw validationError(issues);
  return out;
}

type Eb = ExpressionBuilder<Database & { c: Database["companies"] }, "c">;

function where(
  eb: Eb,
  query: CompanyQuery,
  filters: Map<Facet, string[]>,
  audience: Audience,
  except?: Facet,
): Expression<SqlBool> {
  const pub = audience === "public";
  const list: Expression<SqlBool>[] = [];
  if (query.municipalityCode) list.push(eb("c.municipality_code", "=", query.municipalityCode));
  if (pub) list.push(eb("c.listed", "=", 1));
  for (const term of searchTerms(query.q ?? "")) list.push(termCondition(eb, term, pub));
  for (const [facet, values] of filters) {
    if (facet === except) continue;
    let sub = eb
      .selectFrom("company_facets as f")
      .select("f.company_id")
      .where("f.facet", "=", facet)
      .where("f.value", "in", values);
    if (pub) sub = sub.where("f.public", "=", 1);
    list.push(eb("c.id", "in", sub));
  }
  const ranges = (query.specs ?? []).filter((r) => r.min !== undefined || r.max !== undefined);
  if (ranges.length > 0) list.push(specCondition(eb, ranges, pub));
  if (query.employeesMin !== undefined || query.employeesMax !== undefined) {
    if (pub) list.push(eb("c.employees_public", "=", 1));
    if (query.employeesMin !== undefined) list.push(eb("c.employees_max", ">=", query.employeesMin));
    if (query.employeesMax !== undefined) list.push(eb("c.employees_min", "<=", query.employeesMax));
  }
  return eb.and(list);
}

/** One machine meets every range: the first range picks machines, each next one must hold on the same machine. */
function specCondition(eb: Eb, ranges: readonly SpecRange[], pub: boolean): Expression<SqlBool> {
  const [first, ...rest] = ranges as [SpecRange, ...SpecRange[]];
  const bounds = (alias: string, r: SpecRange) => {
    const parts = [sql`${sql.ref(`${alias}.spec_key`)} = ${r.key}`];
    if (r.min !== undefined)
      parts.push(sql`${sql.ref(`${alias}.value_milli`)} >= ${Math.round(r.min * 1000)}`);
    if (r.max !== undefined)
      parts.push(sql`${sql.ref(`${alias}.value_milli`)} <= ${Math.round(r.max * 1000)}`);
    if (pub) parts.push(sql`${sql.ref(`${alias}.public`)} = 1`);
    return sql.join(parts, sql` and `);
  };
  const sameMachine = rest.map(
    (r, i) =>
      sql`exists (select 1 from equipment_specs ${sql.raw(`s${i + 1}`)} where ${sql.raw(`s${i + 1}`)}.company_id = s0.company_id and ${sql.raw(`s${i + 1}`)}.position = s0.position and ${bounds(`s${i + 1}`, r)})`,
  );
  const inner = sql.join([bounds("s0", first), ...sameMachine], sql` and `);
  return eb("c.id", "in", sql<string>`(select s0.company_id from equipment_specs s0 where ${inner})`);
}

function facetName(facet: Facet, value: string, vocab: Vocabulary): { name: string; parent: string | null } {
  const kind = VOCAB_FACET[facet];
  if (kind) {
    const t = vocab.get(kind, value);
    return { name: t?.name ?? value, parent: t?.parent ?? null };
  }
  if (facet === "industry") {
    const cls = industryClass(value);
    return { name: cls?.name ?? value, parent: cls?.parents.at(-1) ?? null };
  }
  return { name: value, parent: null };
}

const MAX_PAGE_SIZE = 100;

/**
 * Every facet's counts: the facets nobody chose in one pass over the facet rows of the results
 * (a click on one of their values narrows the results to the firms holding it), and each chosen
 * facet over the results without its own filter (a click adds a value to it: OR within a facet).
 */
async function countFacets(
  db: Db,
  vocab: Vocabulary,
  query: CompanyQuery,
  filters: Map<Facet, string[]>,
  audience: Audience,
): Promise<Record<Facet, FacetCount[]>> {
  const pub = audience === "public";
  // The matching companies first, their facet rows then through the primary key (company_id,
  // facet, value): a CROSS JOIN keeps that order on SQLite (PostgreSQL plans it either way).
  const counts = (only: readonly Facet[], except?: Facet) => {
    const ids = db
      .selectFrom("companies as c")
      .select("c.id")
      .where((eb) => where(eb, query, filters, audience, except));
    let q = db
      .selectFrom(ids.as("m"))
      .crossJoin("company_facets as f")
      .select((eb) => ["f.facet", "f.value", eb.fn.countAll<number>().as("n")])
      .whereRef("f.company_id", "=", "m.id")
      .where("f.facet", "in", only)
      .groupBy(["f.facet", "f.value"]);
    if (pub) q = q.where("f.public", "=", 1);
    return q.execute();
  };
  const open = FACETS.filter((f) => !filters.has(f));
  const rows = open.length > 0 ? await counts(open) : [];
  for (const f of filters.keys()) rows.push(...(await counts([f], f)));
  const facets = Object.fromEntries(FACETS.map((f) => [f, [] as FacetCount[]])) as Record<
    Facet,
    FacetCount[]
  >;
  for (const r of rows) {
    const facet = r.facet as Facet;
    facets[facet].push({
      value: r.value,
      ...facetName(facet, r.value, vocab),
      count: Number(r.n),
      selected: (filters.get(facet) ?? []).includes(r.value),
    });
  }
  for (const f of FACETS) facets[f].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return facets;
}

/**
 * Searches the registry and counts every facet value the way a click on it would (standard
 * disjunctive faceting: each facet is counted with the other facets' filters applied, its own
 * left out). The public sees and matches public fields only; staff see everything.
 *
 * @example
 * const vocab = await loadVocabulary(db, "272230");
 * const r = await searchCompanies(db, vocab, {
 *   municipalityCode: "272230",
 *   filters: { process: ["プレス加工"] },
 *   specs: [{ key: "pressForceKn", min: 1960 }],
 * }, "public");
 * r.total; r.facets.material; r.companies[0].name
 */
export async function searchCompanies(
  db: Db,
  vocab: Vocabulary,
  query: CompanyQuery,
  audience: Audience,
): Promise<CompanySearchResult<Company | PublicCompany>> {
  const filters = resolveFilters(query, vocab);
  const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), MAX_PAGE_SIZE);
  const page = Math.max(query.page ?? 1, 1);
  const pub = audience === "public";

  const totalRow = await db
    .selectFrom("companies as c")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where((eb) => where(eb, query, filters, audience))
    .executeTakeFirst();
  const total = Number(totalRow?.n ?? 0);

  let ids = db
    .selectFrom("companies as c")
    .select("c.id")
    .where((eb) => where(eb, query, filters, audience));
  if (query.sort === "updated") ids = ids.orderBy("c.updated_at", "desc");
  else if (query.sort === "employees")
    ids = ids.orderBy(
      pub
        ? sql`case when c.employees_public = 1 then coalesce(c.employees_max, -1) else -1 end`
        : sql`coalesce(c.employees_max, -1)`,
      "desc",
    );
  else ids = ids.orderBy("c.name_kana").orderBy("c.name");
  const pageIds = (
    await ids
      .orderBy("c.id")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute()
  ).map((r) => r.id);
  const companies = (await loadCompanies(db, pageIds)).map((c) => viewFor(c, audience));

  const facets = await countFacets(db, vocab, query, filters, audience);
  return { total, page, pageSize, facets, companies };
}

/**
 * How many companies match a query (for indicator sources: companies listed at a date, with a
 * certification, by process). Counts what the public sees unless `audience` is "staff".
 *
 * @example
 * await countCompanies(db, vocab, { municipalityCode: "272230", filters: { certification: ["ISO 9001"] } })
 */
export async function countCompanies(
  db: Db,
  vocab: Vocabulary,
  query: CompanyQuery,
  audience: Audience = "public",
): Promise<number> {
  const filters = resolveFilters(query, vocab);
  const row = await db
    .selectFrom("companies as c")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where((eb) => where(eb, query, filters, audience))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

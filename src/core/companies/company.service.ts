import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { recordAudit, systemActor, type AuditActor } from "../audit/audit.js";
import { systemClock, type Clock } from "../clock.js";
import { DomainError, notFound, validationError } from "../errors.js";
import { parseWith } from "../validation.js";
import { getMunicipality } from "../municipalities/municipality.js";
import { buildCompany } from "./company.rules.js";
import {
  companyInputSchema,
  FIELD_NAMES,
  type Company,
  type CompanyInput,
  type FieldName,
  type PublicCompany,
  type Supplier,
} from "./company.schema.js";
import {
  deleteCompanyRows,
  findCompanyIdByCorporateNumber,
  loadCompany,
  nextCompanyVersion,
  writeCompaniesRows,
  writeCompanyRows,
} from "./company.repository.js";
import { bulkInsert } from "../../db/sql-helpers.js";
import { publicView, type Audience } from "./company.visibility.js";
import { loadVocabulary, seedVocabulary, type Vocabulary } from "./vocabulary.js";

type Db = Kysely<Database>;

/** Who writes, and how: every write goes to the company's history and the audit log. */
export interface CompanyWriteContext {
  clock?: Clock;
  /** Who the audit log names (default: the system, "cli"). */
  actor?: AuditActor;
  /** How the change came: edit (API, pages), import (files), demo, claim … */
  source?: string;
  /** The city (default) or the firm itself; a firm's values are unverified until the city checks them. */
  supplier?: Supplier;
  ip?: string | null;
  /** Imports write one summary event instead of one per company. */
  skipAudit?: boolean;
}

const actorOf = (ctx: CompanyWriteContext) => ctx.actor ?? systemActor("cli");

export function newCompanyId(): string {
  return `c-${randomBytes(6).toString("hex")}`;
}

async function recordChange(
  db: Db,
  before: Company | undefined,
  after: Company | undefined,
  ctx: CompanyWriteContext,
  at: string,
) {
  const c = (after ?? before)!;
  const summary = !before
    ? `created ${c.name}`
    : !after
      ? `removed ${c.name}`
      : `changed ${changedFields(before, after).join(", ") || "nothing"}`;
  await db
    .insertInto("company_changes")
    .values({
      company_id: c.id,
      version: after?.version ?? (await nextCompanyVersion(db, c.id)),
      municipality_code: c.municipalityCode,
      at,
      actor: actorOf(ctx).label,
      source: ctx.source ?? "edit",
      summary: summary.slice(0, 500),
      before_json: before ? JSON.stringify(before) : null,
      after_json: after ? JSON.stringify(after) : null,
    })
    .execute();
  if (!ctx.skipAudit)
    await recordAudit(
      db,
      {
        kind: !before ? "company.created" : !after ? "company.deleted" : "company.updated",
        actor: actorOf(ctx),
        subject: { type: "company", id: c.id },
        ip: ctx.ip ?? null,
        details: {
          name: c.name,
          source: ctx.source ?? "edit",
          fields: before && after ? changedFields(before, after) : [],
        },
      },
      ctx.clock,
    );
}

/** The fields whose value differs between two versions of a company. */
export function changedFields(a: Company, b: Company): FieldName[] {
  return FIELD_NAMES.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
}

/** Everything a write needs once: the vocabulary (seeded on first use) and the municipality. */
export async function companyWriteSetup(db: Db, municipalityCode: string): Promise<Vocabulary> {
  await getMunicipality(db, municipalityCode);
  await seedVocabulary(db);
  return loadVocabulary(db, municipalityCode);
}

/**
 * Adds a company to a municipality's registry. A 法人番号 already in the registry is refused
 * (update that company instead; imports do this on their own).
 *
 * @example
 * const company = await db.transaction().execute((trx) =>
 *   createCompany(trx, "272230", { name: "門真プレス工業（架空）", town: "北岸和田", processes: ["プレス加工"],
 *     equipment: [{ kind: "プレス機", specs: { pressForceKn: "200t" } }] }, { actor: actorOf(principal) }),
 * );
 */
export async function createCompany(
  db: Db,
  municipalityCode: string,
  input: unknown,
  ctx: CompanyWriteContext = {},
  vocab?: Vocabulary,
): Promise<Company> {
  const parsed = parseWith(companyInputSchema, input);
  const v = vocab ?? (await companyWriteSetup(db, municipalityCode));
  const id = parsed.id ?? newCompanyId();
  if (await loadCompany(db, id))
    throw new DomainError("conflict", `company "${id}" exists`, [{ path: "id", message: "is taken" }]);
  return writeNew(db, municipalityCode, id, parsed, ctx, v);
}

async function writeNew(
  db: Db,
  municipalityCode: string,
  id: string,
  input: CompanyInput,
  ctx: CompanyWriteContext,
  vocab: Vocabulary,
  path?: string,
) {
  const now = (ctx.clock ?? systemClock).now().toISOString();
  const company = buildCompany(input, {
    id,
    municipalityCode,
    vocab,
    now,
    supplier: ctx.supplier ?? "city",
    path,
  });
  company.version = await nextCompanyVersion(db, id);
  if (company.corporateNumber) {
    const other = await findCompanyIdByCorporateNumber(db, municipalityCode, company.corporateNumber);
    if (other)
      throw validationError([
        {
          path: path ? `${path}.corporateNumber` : "corporateNumber",
          message: `is already company "${other}"`,
        },
      ]);
  }
  await writeCompanyRows(db, company, vocab, false);
  await recordChange(db, undefined, company, ctx, now);
  return company;
}

/**
 * Replaces a company's values with `input` (send every field; see companyToInput to start from
 * the stored one). With `baseVersion`, refused when someone changed it since. Unchanged fields
 * keep who supplied them and when the city verified them.
 *
 * @example
 * const stored = await getCompany(db, id);
 * await updateCompany(trx, id, { ...companyToInput(stored), phone: "06-0000-0000" }, { baseVersion: stored.version });
 */
export async function updateCompany(
  db: Db,
  id: string,
  input: unknown,
  options: { baseVersion?: number | undefined } = {},
  ctx: CompanyWriteContext = {},
  vocab?: Vocabulary,
): Promise<Company> {
  const parsed = parseWith(companyInputSchema, input);
  const previous = await loadCompany(db, id);
  if (!previous) throw notFound(`company "${id}"`);
  if (options.baseVersion !== undefined && options.baseVersion !== previous.version)
    throw new DomainError("conflict", `company "${id}" changed since version ${options.baseVersion}`, [], {
      version: previous.version,
    });
  const v = vocab ?? (await companyWriteSetup(db, previous.municipalityCode));
  return writeOver(db, previous, parsed, ctx, v);
}

async function writeOver(
  db: Db,
  previous: Company,
  input: CompanyInput,
  ctx: CompanyWriteContext,
  vocab: Vocabulary,
  path?: string,
) {
  const now = (ctx.clock ?? systemClock).now().toISOString();
  const company = buildCompany(input, {
    id: previous.id,
    municipalityCode: previous.municipalityCode,
    vocab,
    now,
    supplier: ctx.supplier ?? "city",
    previous,
    path,
  });
  if (company.corporateNumber && company.corporateNumber !== previous.corporateNumber) {
    const other = await findCompanyIdByCorporateNumber(
      db,
      previous.municipalityCode,
      company.corporateNumber,
    );
    if (other && other !== previous.id)
      throw validationError([
        {
          path: path ? `${path}.corporateNumber` : "corporateNumber",
          message: `is already company "${other}"`,
        },
      ]);
  }
  if (
    JSON.stringify({ ...company, updatedAt: "", version: 0 }) ===
    JSON.stringify({ ...previous, updatedAt: "", version: 0 })
  )
    return previous;
  await writeCompanyRows(db, company, vocab, true);
  await recordChange(db, previous, company, ctx, now);
  return company;
}

/**
 * Writes an already built company (rows, history, and unless ctx.skipAudit the audit log). For
 * imports, which build and check a whole file first; everyone else calls create/update.
 */
export async function saveBuiltCompany(
  db: Db,
  previous: Company | undefined,
  company: Company,
  ctx: CompanyWriteContext,
  vocab: Vocabulary,
): Promise<void> {
  await writeCompanyRows(db, company, vocab, previous !== undefined);
  await recordChange(db, previous, company, ctx, company.updatedAt);
}

/**
 * Writes many already built companies at once (imports): their rows as multi-row inserts and one
 * history row each, in batches. No audit event per company (imports write one summary event).
 */
export async function saveBuiltCompanies(
  db: Db,
  items: readonly { previous: Company | undefined; company: Company }[],
  ctx: CompanyWriteContext,
  vocab: Vocabulary,
): Promise<void> {
  await writeCompaniesRows(
    db,
    items.map((i) => ({ company: i.company, exists: i.previous !== undefined })),
    vocab,
  );
  const changes = items.map(({ previous, company: c }) => ({
    company_id: c.id,
    version: c.version,
    municipality_code: c.municipalityCode,
    at: c.updatedAt,
    actor: actorOf(ctx).label,
    source: ctx.source ?? "edit",
    summary: (previous
      ? `changed ${changedFields(previous, c).join(", ") || "nothing"}`
      : `created ${c.name}`
    ).slice(0, 500),
    before_json: previous ? JSON.stringify(previous) : null,
    after_json: JSON.stringify(c),
  }));
  const T = "text" as const;
  await bulkInsert(
    db,
    "company_changes",
    {
      company_id: T,
      version: "integer",
      municipality_code: T,
      at: T,
      actor: T,
      source: T,
      summary: T,
      before_json: T,
      after_json: T,
    },
    changes,
  );
}

/** Internal entry for imports: create or replace, with issue paths inside the file. */
export async function upsertCompany(
  db: Db,
  municipalityCode: string,
  id: string,
  input: CompanyInput,
  ctx: CompanyWriteContext,
  vocab: Vocabulary,
  path: string,
): Promise<{ company: Company; change: "created" | "changed" | "unchanged" }> {
  const previous = await loadCompany(db, id);
  if (!previous)
    return { company: await writeNew(db, municipalityCode, id, input, ctx, vocab, path), change: "created" };
  if (previous.municipalityCode !== municipalityCode)
    throw validationError([
      { path: `${path}.id`, message: `is a company of municipality ${previous.municipalityCode}` },
    ]);
  const company = await writeOver(db, previous, input, ctx, vocab, path);
  return { company, change: company === previous ? "unchanged" : "changed" };
}

/** Removes a company (its history stays). */
export async function deleteCompany(db: Db, id: string, ctx: CompanyWriteContext = {}): Promise<void> {
  const previous = await loadCompany(db, id);
  if (!previous) throw notFound(`company "${id}"`);
  await deleteCompanyRows(db, id);
  await recordChange(db, previous, undefined, ctx, (ctx.clock ?? systemClock).now().toISOString());
}

/**
 * Marks fields as checked by the city now (after a firm's edit was approved, or a phone call).
 *
 * @example
 * await verifyCompanyFields(trx, id, ["phone", "equipment"], { actor: actorOf(principal) });
 */
export async function verifyCompanyFields(
  db: Db,
  id: string,
  fields: readonly FieldName[],
  ctx: CompanyWriteContext = {},
): Promise<Company> {
  const previous = await loadCompany(db, id);
  if (!previous) throw notFound(`company "${id}"`);
  const now = (ctx.clock ?? systemClock).now().toISOString();
  const company: Company = structuredClone(previous);
  for (const f of fields) {
    if (!(FIELD_NAMES as readonly string[]).includes(f))
      throw validationError([{ path: "fields", message: `"${f}" is not a field` }]);
    company.fields[f] = { ...company.fields[f]!, verifiedAt: now };
  }
  company.version = previous.version + 1;
  company.updatedAt = now;
  const vocab = await loadVocabulary(db, previous.municipalityCode);
  await writeCompanyRows(db, company, vocab, true);
  await db
    .insertInto("company_changes")
    .values({
      company_id: id,
      version: company.version,
      municipality_code: company.municipalityCode,
      at: now,
      actor: actorOf(ctx).label,
      source: ctx.source ?? "verify",
      summary: `verified ${fields.join(", ")}`,
      before_json: JSON.stringify(previous),
      after_json: JSON.stringify(company),
    })
    .execute();
  await recordAudit(
    db,
    {
      kind: "company.verified",
      actor: actorOf(ctx),
      subject: { type: "company", id },
      ip: ctx.ip ?? null,
      details: { fields },
    },
    ctx.clock,
  );
  return company;
}

/** A company with every field (for the city's staff). */
export async function getCompany(db: Db, id: string): Promise<Company> {
  const c = await loadCompany(db, id);
  if (!c) throw notFound(`company "${id}"`);
  return c;
}

/**
 * A company as `audience` may see it. The public gets only listed companies, through publicView.
 *
 * @example
 * await getCompanyFor(db, id, "public") // phone absent when private; 404 when not listed
 */
export async function getCompanyFor(
  db: Db,
  id: string,
  audience: Audience,
): Promise<Company | PublicCompany> {
  const c = await loadCompany(db, id);
  if (!c || (audience === "public" && !c.listed)) throw notFound(`company "${id}"`);
  return audience === "staff" ? c : publicView(c);
}

export interface CompanyVersion {
  version: number;
  at: string;
  actor: string;
  source: string;
  summary: string;
}

/** Every version of a company, newest first. */
export async function companyHistory(db: Db, id: string): Promise<CompanyVersion[]> {
  const rows = await db
    .selectFrom("company_changes")
    .select(["version", "at", "actor", "source", "summary"])
    .where("company_id", "=", id)
    .orderBy("version", "desc")
    .execute();
  if (rows.length === 0) throw notFound(`history of company "${id}"`);
  return rows;
}

/**
 * Every company of a municipality as it stood at a moment (listed or not), rebuilt from the
 * history: the last version of each written at or before `at`, companies removed by then left out.
 * For indicator sources that answer at a date (the end of a fiscal year).
 *
 * @example
 * await companiesAt(db, "272230", "2025-03-31T14:59:59.999Z") // [{ id: "c-…", listed: true, … }]
 */
export async function companiesAt(db: Db, municipalityCode: string, at: string): Promise<Company[]> {
  const rows = await db
    .selectFrom("company_changes")
    .select(["company_id", "version", "after_json"])
    .where("municipality_code", "=", municipalityCode)
    .where("at", "<=", at)
    .orderBy("company_id")
    .orderBy("version")
    .execute();
  const last = new Map<string, string | null>();
  for (const r of rows) last.set(r.company_id, r.after_json);
  return [...last.values()].flatMap((json) => (json === null ? [] : [JSON.parse(json) as Company]));
}

/**
 * The companies a municipality listed publicly at a moment, rebuilt from the history (for the
 * indicator "companies listed on the portal at a date").
 *
 * @example
 * await companiesListedAt(db, "272230", "2025-03-31T23:59:59.999Z") // ["c-…", …]
 */
export async function companiesListedAt(db: Db, municipalityCode: string, at: string): Promise<string[]> {
  return (await companiesAt(db, municipalityCode, at)).filter((c) => c.listed).map((c) => c.id);
}

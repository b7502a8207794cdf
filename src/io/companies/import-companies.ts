import type { Kysely } from "kysely";
import { recordAudit, systemActor } from "../../core/audit/audit.js";
import { systemClock } from "../../core/clock.js";
import { buildCompany, companyToInput } from "../../core/companies/company.rules.js";
import type { Company, CompanyInput } from "../../core/companies/company.schema.js";
import {
  companiesNamed,
  deleteCompanyRows,
  listMunicipalityCompanies,
} from "../../core/companies/company.repository.js";
import {
  changedFields,
  companyWriteSetup,
  newCompanyId,
  saveBuiltCompanies,
  type CompanyWriteContext,
} from "../../core/companies/company.service.js";
import { DomainError, validationError, type Issue } from "../../core/errors.js";
import type { Database } from "../../db/schema.js";
import { chunks, refreshStatistics } from "../../db/sql-helpers.js";
import type { TableEntry } from "./companies-table.js";

type Db = Kysely<Database>;

export interface CompaniesImportReport {
  municipality: string;
  dryRun: boolean;
  created: { id: string; name: string }[];
  changed: { id: string; name: string; fields: string[] }[];
  removed: { id: string; name: string }[];
  unchanged: number;
}

export interface CompaniesImportOptions {
  dryRun?: boolean;
  /** Remove the municipality's companies the file does not hold (the file is the whole registry). */
  replace?: boolean;
  ctx?: CompanyWriteContext;
}

/** Firms written per batch of multi-row inserts. */
const SAVE_BATCH = 2_000;
/** Firms written from which an import refreshes the planners' statistics. */
const ANALYZE_AFTER = 1_000;

class DryRun extends Error {
  constructor(readonly report: CompaniesImportReport) {
    super("dry run");
  }
}

/** The last version in the history of each company (of `ids` only, when given). */
async function versionsOf(
  db: Db,
  municipalityCode: string,
  ids?: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const batch of ids ? chunks(ids, 1) : [undefined]) {
    if (batch?.length === 0) continue;
    let q = db
      .selectFrom("company_changes")
      .select(["company_id", (eb) => eb.fn.max("version").as("v")])
      .where("municipality_code", "=", municipalityCode)
      .groupBy("company_id");
    if (batch) q = q.where("company_id", "in", batch);
    for (const r of await q.execute()) out.set(r.company_id, Number(r.v));
  }
  return out;
}

/**
 * Imports companies read from a file, all or nothing: every problem of every entry is reported by
 * its place in the file, and then nothing is written. An entry whose 法人番号 is already in the
 * registry updates that company. Opens its own transaction (rolled back for a dry run).
 *
 * @example
 * const report = await importCompanies(db, KADOMA.code, readCompaniesJson(bytes, "firms.json").entries, { dryRun: true });
 */
export async function importCompanies(
  db: Db,
  municipalityCode: string,
  entries: readonly TableEntry[],
  options: CompaniesImportOptions = {},
): Promise<CompaniesImportReport> {
  try {
    return await db.transaction().execute(async (trx) => {
      const report = await importInside(trx, municipalityCode, entries, options);
      if (options.dryRun) throw new DryRun(report);
      return report;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.report;
    throw error;
  }
}

async function importInside(
  db: Db,
  municipalityCode: string,
  entries: readonly TableEntry[],
  options: CompaniesImportOptions,
): Promise<CompaniesImportReport> {
  const ctx: CompanyWriteContext = { source: "import", ...options.ctx, skipAudit: true };
  const now = (ctx.clock ?? systemClock).now().toISOString();
  const vocab = await companyWriteSetup(db, municipalityCode);
  const issues: Issue[] = [];
  const report: CompaniesImportReport = {
    municipality: municipalityCode,
    dryRun: options.dryRun ?? false,
    created: [],
    changed: [],
    removed: [],
    unchanged: 0,
  };

  // Ids and 法人番号 must be unique inside the file before anything is matched.
  const seenIds = new Map<string, string>();
  const seenNumbers = new Map<string, string>();
  for (const e of entries) {
    if (e.input.id) {
      const first = seenIds.get(e.input.id);
      if (first)
        issues.push({ path: e.locate("id"), message: `「${e.input.id}」 is also the id of ${first}` });
      else seenIds.set(e.input.id, e.where);
    }
    const number = e.input.corporateNumber
      ? String(e.input.corporateNumber).normalize("NFKC").replace(/\D/gu, "")
      : "";
    if (number) {
      const first = seenNumbers.get(number);
      if (first)
        issues.push({
          path: e.locate("corporateNumber"),
          message: `「${number}」 is also the 法人番号 of ${first}`,
        });
      else seenNumbers.set(number, e.where);
    }
  }
  if (issues.length > 0) throw validationError(issues);

  // The companies the file can touch: all of the municipality's when it replaces the registry,
  // else only those its ids and 法人番号 name (a 10,000-firm file into a large registry).
  const existing = new Map(
    (options.replace
      ? await listMunicipalityCompanies(db, municipalityCode)
      : await companiesNamed(db, municipalityCode, [...seenIds.keys()], [...seenNumbers.keys()])
    ).map((c) => [c.id, c]),
  );
  const byNumber = new Map(
    [...existing.values()].filter((c) => c.corporateNumber).map((c) => [c.corporateNumber!, c.id]),
  );
  const versions = await versionsOf(
    db,
    municipalityCode,
    options.replace ? undefined : [...new Set([...seenIds.keys(), ...existing.keys()])],
  );

  const kept = new Set<string>();
  const built: { previous: Company | undefined; company: Company }[] = [];
  for (const e of entries) {
    const number = e.input.corporateNumber
      ? String(e.input.corporateNumber).normalize("NFKC").replace(/\D/gu, "")
      : "";
    const matched = number ? byNumber.get(number) : undefined;
    if (e.input.id && matched && matched !== e.input.id) {
      issues.push({
        path: e.locate("corporateNumber"),
        message: `is the 法人番号 of company 「${matched}」, not of 「${e.input.id}」`,
      });
      continue;
    }
    const id = e.input.id ?? matched ?? newCompanyId();
    if (kept.has(id)) {
      issues.push({ path: e.locate("corporateNumber"), message: `names company 「${id}」 a second time` });
      continue;
    }
    kept.add(id);
    const previous = existing.get(id);
    const input: CompanyInput =
      e.merge && previous ? { ...companyToInput(previous), ...e.input, id } : e.input;
    try {
      const company = buildCompany(input, {
        id,
        municipalityCode,
        vocab,
        now,
        supplier: ctx.supplier ?? "city",
        previous,
        path: "\u0000",
      });
      company.version = Math.max(company.version, (versions.get(id) ?? 0) + 1);
      built.push({ previous, company });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      for (const issue of error.issues)
        issues.push({ path: e.locate(issue.path.replace(/^\u0000\.?/u, "")), message: issue.message });
    }
  }
  if (issues.length > 0) throw validationError(issues);

  const toSave = built.filter(
    ({ previous, company }) =>
      !previous ||
      JSON.stringify({ ...company, updatedAt: "", version: 0 }) !==
        JSON.stringify({ ...previous, updatedAt: "", version: 0 }),
  );
  report.unchanged = built.length - toSave.length;
  // Multi-row inserts in batches of firms: a few statements per thousand firms, not eight per firm.
  for (let i = 0; i < toSave.length; i += SAVE_BATCH)
    await saveBuiltCompanies(db, toSave.slice(i, i + SAVE_BATCH), ctx, vocab);
  for (const { previous, company } of toSave) {
    if (previous)
      report.changed.push({ id: company.id, name: company.name, fields: changedFields(previous, company) });
    else report.created.push({ id: company.id, name: company.name });
  }
  if (options.replace) {
    for (const c of existing.values()) {
      if (kept.has(c.id)) continue;
      await deleteCompanyRows(db, c.id);
      await db
        .insertInto("company_changes")
        .values({
          company_id: c.id,
          version: (versions.get(c.id) ?? c.version) + 1,
          municipality_code: municipalityCode,
          at: now,
          actor: (ctx.actor ?? systemActor("cli")).label,
          source: "import",
          summary: `removed ${c.name}`,
          before_json: JSON.stringify(c),
          after_json: null,
        })
        .execute();
      report.removed.push({ id: c.id, name: c.name });
    }
  }
  // A large import changes the shape of the data: let both planners see it (search plans).
  if (toSave.length >= ANALYZE_AFTER)
    await refreshStatistics(db, ["companies", "company_facets", "equipment_specs", "company_grams"]);
  const count = (l: unknown[]) => l.length;
  await recordAudit(
    db,
    {
      kind: "companies.imported",
      actor: ctx.actor ?? systemActor("cli"),
      subject: { type: "municipality", id: municipalityCode },
      ip: ctx.ip ?? null,
      details: {
        created: count(report.created),
        changed: count(report.changed),
        removed: count(report.removed),
        unchanged: report.unchanged,
        dryRun: report.dryRun,
      },
    },
    ctx.clock,
  );
  return report;
}

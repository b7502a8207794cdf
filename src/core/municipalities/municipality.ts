import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { systemClock, type Clock } from "../clock.js";
import { notFound, validationError } from "../errors.js";

type Db = Kysely<Database>;

/** A municipality, the tenant every company belongs to. */
export interface Municipality {
  /** 全国地方公共団体コード: 5 digits and a check digit (Kadoma: 272230). */
  code: string;
  /** Used in addresses of pages and files: `kadoma`. */
  slug: string;
  name: string;
  prefecture: string;
}

export const KADOMA: Municipality = { code: "272230", slug: "kadoma", name: "門真市", prefecture: "大阪府" };

/**
 * The check digit of a 全国地方公共団体コード: (11 − (d1×6 + d2×5 + d3×4 + d4×3 + d5×2) mod 11)
 * mod 10, as 総務省 defines it.
 *
 * @example
 * municipalityCheckDigit("27223") // 0
 */
export function municipalityCheckDigit(first5: string): number {
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += Number(first5[i]) * (6 - i);
  return (11 - (sum % 11)) % 10;
}

/** Null when `code` is a valid 6-digit municipality code, else why not. */
export function municipalityCodeProblem(code: string): string | null {
  if (!/^\d{6}$/.test(code)) return "must be 6 digits (全国地方公共団体コード with its check digit)";
  const expected = municipalityCheckDigit(code.slice(0, 5));
  if (Number(code[5]) !== expected) return `check digit is wrong (expected ${expected})`;
  return null;
}

function validate(m: Municipality): void {
  const issues = [];
  const problem = municipalityCodeProblem(m.code);
  if (problem) issues.push({ path: "municipality.code", message: problem });
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(m.slug))
    issues.push({ path: "municipality.slug", message: "must be lower-case letters, digits and hyphens" });
  if (m.name.trim() === "") issues.push({ path: "municipality.name", message: "is required" });
  if (m.prefecture.trim() === "") issues.push({ path: "municipality.prefecture", message: "is required" });
  if (issues.length > 0) throw validationError(issues);
}

/**
 * Makes sure the municipality exists (adds it when missing; an existing row is left as it is).
 *
 * @example
 * await ensureMunicipality(trx, KADOMA);
 */
export async function ensureMunicipality(db: Db, m: Municipality, clock: Clock = systemClock): Promise<void> {
  validate(m);
  const found = await db
    .selectFrom("municipalities")
    .select("code")
    .where("code", "=", m.code)
    .executeTakeFirst();
  if (found) return;
  await db
    .insertInto("municipalities")
    .values({ ...m, created_at: clock.now().toISOString() })
    .execute();
}

/** A municipality by its code or its slug; undefined when unknown. */
export async function findMunicipality(db: Db, codeOrSlug: string): Promise<Municipality | undefined> {
  const row = await db
    .selectFrom("municipalities")
    .select(["code", "slug", "name", "prefecture"])
    .where((eb) => eb.or([eb("code", "=", codeOrSlug), eb("slug", "=", codeOrSlug)]))
    .executeTakeFirst();
  return row;
}

export async function getMunicipality(db: Db, codeOrSlug: string): Promise<Municipality> {
  const m = await findMunicipality(db, codeOrSlug);
  if (!m) throw notFound(`municipality "${codeOrSlug}"`);
  return m;
}

export async function listMunicipalities(db: Db): Promise<Municipality[]> {
  return db
    .selectFrom("municipalities")
    .select(["code", "slug", "name", "prefecture"])
    .orderBy("code")
    .execute();
}

/**
 * Adds the municipality a plan names (its municipalityCode, prefecture and name, its id as the
 * slug) when the registry lacks it, so a city's companies can be added once its plan is loaded.
 * A plan without a valid code, or whose slug another municipality uses, adds nothing.
 */
export async function ensurePlanMunicipality(
  db: Db,
  plan: {
    id: string;
    municipality: string;
    municipalityCode?: string | undefined;
    prefecture?: string | undefined;
  },
  clock: Clock = systemClock,
): Promise<void> {
  const code = plan.municipalityCode;
  if (!code || municipalityCodeProblem(code) || !plan.prefecture || !/^[a-z][a-z0-9-]{0,62}$/.test(plan.id))
    return;
  const clash = await db
    .selectFrom("municipalities")
    .select("code")
    .where((eb) => eb.or([eb("code", "=", code), eb("slug", "=", plan.id)]))
    .executeTakeFirst();
  if (clash) return;
  await ensureMunicipality(
    db,
    { code, slug: plan.id, name: plan.municipality, prefecture: plan.prefecture },
    clock,
  );
}

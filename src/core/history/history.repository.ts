import type { Kysely } from "kysely";
import { isUniqueViolation } from "../../db/errors.js";
import type { ChangesTable, Database } from "../../db/schema.js";
import { DomainError } from "../errors.js";

type Db = Kysely<Database>;

export type Entity = "plan" | "action" | "review";
export type ChangeSource = "import" | "edit" | "publish" | "restore" | "review";

export interface NewChange {
  entity: Entity;
  key: string;
  version: number;
  source: ChangeSource;
  summary: string;
  before: unknown;
  after: unknown;
}

/**
 * Appends changes to a plan's history. Call inside the write's transaction, after the plan row
 * was locked by bumping its revision, so sequence numbers cannot collide. A version of an entity
 * is recorded once (unique index, migration 0040): a writer that read a version someone else has
 * since recorded is refused (conflict), and its transaction must roll back.
 */
export async function appendChanges(
  db: Db,
  planId: string,
  changes: readonly NewChange[],
  meta: { at: string; actor: string },
): Promise<void> {
  if (changes.length === 0) return;
  const last = await db
    .selectFrom("changes")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .where("plan_id", "=", planId)
    .executeTakeFirst();
  let seq = Number(last?.seq ?? 0);
  const rows: ChangesTable[] = changes.map((c) => ({
    plan_id: planId,
    seq: ++seq,
    entity: c.entity,
    entity_key: c.key,
    version: c.version,
    at: meta.at,
    actor: meta.actor,
    source: c.source,
    summary: c.summary,
    before_json: c.before === null || c.before === undefined ? null : JSON.stringify(c.before),
    after_json: c.after === null || c.after === undefined ? null : JSON.stringify(c.after),
  }));
  try {
    for (let i = 0; i < rows.length; i += 500) {
      await db
        .insertInto("changes")
        .values(rows.slice(i, i + 500))
        .execute();
    }
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const names = changes.map((c) => `${c.entity} ${c.key} version ${c.version}`).join(", ");
    throw new DomainError("conflict", `${names}: someone else saved this version first; nothing was saved`);
  }
}

export async function listEntityChanges(
  db: Db,
  planId: string,
  entity: Entity,
  key: string,
): Promise<ChangesTable[]> {
  return db
    .selectFrom("changes")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("entity", "=", entity)
    .where("entity_key", "=", key)
    .orderBy("version", "desc")
    .execute();
}

export async function findEntityVersion(
  db: Db,
  planId: string,
  entity: Entity,
  key: string,
  version: number,
): Promise<ChangesTable | undefined> {
  return db
    .selectFrom("changes")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("entity", "=", entity)
    .where("entity_key", "=", key)
    .where("version", "=", version)
    .executeTakeFirst();
}

/** The latest change of every plan and action entity made at or before `at` (ISO timestamp). */
export async function latestChangesAt(db: Db, planId: string, at: string): Promise<ChangesTable[]> {
  const rows = await db
    .selectFrom("changes")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("entity", "in", ["plan", "action"])
    .where("at", "<=", at)
    .orderBy("seq")
    .execute();
  const latest = new Map<string, ChangesTable>();
  for (const row of rows) latest.set(`${row.entity}/${row.entity_key}`, row);
  return [...latest.values()];
}

export async function listPlanChanges(
  db: Db,
  planId: string,
  options: { limit: number; before?: number | undefined },
): Promise<ChangesTable[]> {
  let q = db.selectFrom("changes").selectAll().where("plan_id", "=", planId);
  if (options.before !== undefined) q = q.where("seq", "<", options.before);
  return q.orderBy("seq", "desc").limit(options.limit).execute();
}

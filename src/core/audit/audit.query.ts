import { likeEscaped } from "../../db/sql-helpers.js";
import type { Db } from "../plan/plan.repository.js";
import { toAuditEntry, type AuditEntry } from "./audit.js";

export interface AuditFilter {
  /** Exact kinds (`sign_in.failed`) or areas (`account.*`); any of them matches. */
  kinds?: readonly string[] | undefined;
  /** An account id, or the label shown for the actor (an e-mail address, `cli:alice`). */
  actor?: string | undefined;
  /** ISO instants: from (inclusive) … to (exclusive). */
  from?: string | undefined;
  to?: string | undefined;
}

function filtered(db: Db, filter: AuditFilter) {
  let query = db.selectFrom("audit_log");
  if (filter.kinds && filter.kinds.length > 0) {
    const exact = filter.kinds.filter((k) => !k.endsWith(".*"));
    const areas = filter.kinds.filter((k) => k.endsWith(".*")).map((k) => k.slice(0, -1));
    query = query.where((eb) =>
      eb.or([
        ...(exact.length > 0 ? [eb("kind", "in", exact)] : []),
        ...areas.map((area) => likeEscaped(eb.ref("kind"), `${area.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)),
      ]),
    );
  }
  if (filter.actor !== undefined) {
    const actor = filter.actor;
    query = query.where((eb) =>
      eb.or([
        eb("actor_id", "=", actor),
        eb("actor_label", "=", actor.toLowerCase()),
        eb("actor_label", "=", actor),
      ]),
    );
  }
  if (filter.from !== undefined) query = query.where("at", ">=", filter.from);
  if (filter.to !== undefined) query = query.where("at", "<", filter.to);
  return query;
}

/**
 * Audit entries matching the filter, newest first, with the total count for paging.
 *
 * @example
 * const { entries } = await listAudit(db, { kinds: ["sign_in.*"], from: "2025-04-01T00:00:00.000Z" });
 */
export async function listAudit(
  db: Db,
  filter: AuditFilter,
  page: { limit: number; offset: number } = { limit: 100, offset: 0 },
): Promise<{ total: number; entries: AuditEntry[] }> {
  const { total } = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .executeTakeFirstOrThrow();
  const rows = await filtered(db, filter)
    .selectAll()
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { total: Number(total), entries: rows.map(toAuditEntry) };
}

/** Every matching entry, oldest first (for exports), read in pages so memory stays bounded per query. */
export async function* allAudit(db: Db, filter: AuditFilter, pageSize = 1000): AsyncGenerator<AuditEntry> {
  let offset = 0;
  for (;;) {
    const rows = await filtered(db, filter)
      .selectAll()
      .orderBy("at", "asc")
      .orderBy("id", "asc")
      .limit(pageSize)
      .offset(offset)
      .execute();
    for (const row of rows) yield toAuditEntry(row);
    if (rows.length < pageSize) return;
    offset += pageSize;
  }
}

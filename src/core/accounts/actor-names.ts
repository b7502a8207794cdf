import type { AccountRole } from "../access/roles.js";
import type { Db } from "../plan/plan.repository.js";
import { toRole } from "./account.model.js";

/**
 * What the public may know about who made a change: the kind of person, never the person. An
 * account's role (as it is now), `staff` for an account that no longer exists, `system` for
 * the programs (the command line, an import, the first load).
 */
export type ActorKind = AccountRole | "staff" | "system";

export interface ActorView {
  kind: ActorKind;
  /** The account's display name (for staff pages only); null when it is not an account. */
  name: string | null;
}

const looksLikeEmail = (actor: string) => /^[^\s@]+@[^\s@]+$/.test(actor);

/**
 * Reads the stored actors of history rows, reviews and cycles (e-mail addresses, account ids,
 * or a program's word such as `cli`) as who they are, in one query per kind of key. History
 * rows keep what they stored; the mapping is done at read time, so a renamed account shows its
 * new name everywhere and no stored history needs rewriting.
 *
 * @example
 * const views = await describeActors(db, ["yamada@city.example", "cli"]);
 * views.get("yamada@city.example") // { kind: "plan_manager", name: "産業振興課 山田" }
 * views.get("cli") // { kind: "system", name: null }
 */
export async function describeActors(db: Db, actors: Iterable<string>): Promise<Map<string, ActorView>> {
  const all = [...new Set(actors)];
  const emails = all.filter(looksLikeEmail).map((a) => a.toLowerCase());
  const ids = all.filter((a) => !looksLikeEmail(a));
  const rows = [
    ...(emails.length > 0
      ? await db
          .selectFrom("accounts")
          .select(["id", "email", "display_name", "role"])
          .where("email", "in", emails)
          .execute()
      : []),
    ...(ids.length > 0
      ? await db
          .selectFrom("accounts")
          .select(["id", "email", "display_name", "role"])
          .where("id", "in", ids)
          .execute()
      : []),
  ];
  const byKey = new Map<string, ActorView>();
  for (const row of rows) {
    const view: ActorView = { kind: toRole(row.role), name: row.display_name };
    byKey.set(row.email.toLowerCase(), view);
    byKey.set(row.id, view);
  }
  return new Map(
    all.map((actor) => [
      actor,
      byKey.get(looksLikeEmail(actor) ? actor.toLowerCase() : actor) ??
        (looksLikeEmail(actor) ? { kind: "staff", name: null } : { kind: "system", name: null }),
    ]),
  );
}

import { describeActors } from "../../../core/accounts/actor-names.js";
import type { Db } from "../../../core/plan/plan.repository.js";
import { actorText } from "../components/actor.js";
import type { PageContext } from "../context.js";

/**
 * How staff pages name who last changed something: the account's display name and role
 * (「山田（計画管理者）」), read now from what was stored (an e-mail address), so no page
 * prints an address.
 *
 * @example
 * const name = await staffActorNames(db, ctx, reviews.map((r) => r.updatedBy));
 * name(review.updatedBy) // "山田（計画管理者）"
 */
export async function staffActorNames(
  db: Db,
  ctx: PageContext,
  actors: readonly string[],
): Promise<(actor: string) => string> {
  const views = await describeActors(db, actors);
  return (actor) => {
    const view = views.get(actor);
    return view ? actorText(ctx, view, true) : actor;
  };
}

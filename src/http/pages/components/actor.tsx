import type { ActorView } from "../../../core/accounts/actor-names.js";
import type { PageContext } from "../context.js";

/**
 * Who made a change, in words: the role for the public (「計画管理者」), the account's display
 * name and role for signed-in staff (「産業振興課 山田（計画管理者）」). Never an e-mail address.
 */
export function actorText(ctx: PageContext, who: ActorView, staff: boolean): string {
  const kind = ctx.t.actorKinds[who.kind];
  return staff && who.name ? ctx.t.actorForStaff(who.name, kind) : kind;
}

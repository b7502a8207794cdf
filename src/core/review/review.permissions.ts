import { roleRank, type Role } from "../access/roles.js";
import { DomainError } from "../errors.js";

/** Who acts on a review. */
export interface Actor {
  /** Account id (what ownership is keyed by). */
  id: string;
  role: Role;
  /** How the history names the actor (an e-mail address); the id when absent. */
  name?: string;
}

export const actorLabel = (actor: Actor): string => actor.name ?? actor.id;

/** Whether an account owns an action (担当). Supplied by the accounts module. */
export type OwnsAction = (accountId: string, planId: string, actionNumber: number) => Promise<boolean>;

export const ownsNothing: OwnsAction = async () => false;

export function isManager(actor: Actor): boolean {
  return roleRank(actor.role) >= roleRank("plan_manager");
}

export function requireManager(actor: Actor, what: string): void {
  if (!isManager(actor)) throw new DomainError("forbidden", `only a plan manager can ${what}`);
}

/** Plan managers edit every action's review; an action owner edits the actions assigned to them. */
export async function requireEditor(
  actor: Actor,
  owns: OwnsAction,
  planId: string,
  number: number,
): Promise<void> {
  if (isManager(actor)) return;
  if (actor.role === "action_owner" && (await owns(actor.id, planId, number))) return;
  throw new DomainError("forbidden", `you are not assigned to action ${number}`);
}

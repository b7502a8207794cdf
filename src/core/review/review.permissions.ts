import { roleRank, type Role } from "../access/roles.js";
import type { AuditActor } from "../audit/audit.js";
import { DomainError } from "../errors.js";
import type { Db } from "../plan/plan.repository.js";

/** Who acts on a review. */
export interface Actor {
  /** Account id (what ownership is keyed by). */
  id: string;
  role: Role;
  /** How the history names the actor (an e-mail address); the id when absent. */
  name?: string;
}

export const actorLabel = (actor: Actor): string => actor.name ?? actor.id;

/** The audit log's actor for a review actor (the account, named as in the history). */
export const auditActorOf = (actor: Actor): AuditActor => ({ accountId: actor.id, label: actorLabel(actor) });

/**
 * Whether an account owns an action (担当). Supplied by the accounts module. `db` is the caller's
 * transaction: on SQLite a query on another handle would wait for that transaction to end.
 */
export type OwnsAction = (
  accountId: string,
  planId: string,
  actionNumber: number,
  db?: Db,
) => Promise<boolean>;

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
  db?: Db,
): Promise<void> {
  if (isManager(actor)) return;
  if (actor.role === "action_owner" && (await owns(actor.id, planId, number, db))) return;
  throw new DomainError("forbidden", `you are not assigned to action ${number}`);
}

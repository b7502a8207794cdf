import { recordAudit } from "../audit/audit.js";
import type { Acting } from "../accounts/account.service.js";
import { getAccount } from "../accounts/account.service.js";
import { systemClock } from "../clock.js";
import { DomainError, notFound } from "../errors.js";
import type { Db } from "../plan/plan.repository.js";
import { inTransaction } from "../../db/transaction.js";
import { roleRank, type Principal } from "./roles.js";

/**
 * Which accounts own which actions. An action owner may update the actions assigned to them;
 * plan managers and administrators may update every action. Assignments are kept by plan id and
 * action number, so they survive a re-import of the plan.
 */
export interface ActionOwner {
  planId: string;
  actionNumber: number;
  accountId: string;
  email: string;
  displayName: string;
  assignedAt: string;
}

/**
 * True when the principal may change this action: plan managers and administrators always,
 * action owners only for actions assigned to them, viewers and read-only tokens never.
 *
 * @example
 * if (!(await mayEditAction(db, principal, "kadoma", 12))) throw new DomainError("forbidden", "…");
 */
export async function mayEditAction(
  db: Db,
  principal: Principal | null,
  planId: string,
  actionNumber: number,
): Promise<boolean> {
  if (!principal || principal.tokenScope === "read") return false;
  if (roleRank(principal.role) >= roleRank("plan_manager")) return true;
  if (principal.role !== "action_owner") return false;
  return accountOwnsAction(db)(principal.accountId, planId, actionNumber, db);
}

/**
 * The review module's ownership check, answered from the assignments.
 *
 * @example
 * reviewApiRoutes({ db, owns: accountOwnsAction(db) });
 */
export function accountOwnsAction(
  db: Db,
): (accountId: string, planId: string, actionNumber: number, trx?: Db) => Promise<boolean> {
  return async (accountId, planId, actionNumber, trx) => {
    const row = await (trx ?? db)
      .selectFrom("action_owners")
      .select("account_id")
      .where("plan_id", "=", planId)
      .where("action_number", "=", actionNumber)
      .where("account_id", "=", accountId)
      .executeTakeFirst();
    return row !== undefined;
  };
}

function ownersQuery(db: Db) {
  return db
    .selectFrom("action_owners")
    .innerJoin("accounts", "accounts.id", "action_owners.account_id")
    .select([
      "action_owners.plan_id as planId",
      "action_owners.action_number as actionNumber",
      "action_owners.account_id as accountId",
      "accounts.email as email",
      "accounts.display_name as displayName",
      "action_owners.assigned_at as assignedAt",
    ])
    .orderBy("action_owners.plan_id")
    .orderBy("action_owners.action_number")
    .orderBy("accounts.email");
}

/** Every assignment in a plan (for the plan manager's overview and reminders). */
export async function listActionOwners(db: Db, planId: string): Promise<ActionOwner[]> {
  return ownersQuery(db).where("action_owners.plan_id", "=", planId).execute();
}

/** The actions assigned to one account, in every plan ("My updates"). */
export async function actionsOwnedBy(db: Db, accountId: string): Promise<ActionOwner[]> {
  return ownersQuery(db).where("action_owners.account_id", "=", accountId).execute();
}

async function requireAction(db: Db, planId: string, actionNumber: number): Promise<void> {
  const action = await db
    .selectFrom("actions")
    .select("number")
    .where("plan_id", "=", planId)
    .where("number", "=", actionNumber)
    .executeTakeFirst();
  if (!action) throw notFound(`action ${actionNumber} of plan "${planId}"`);
}

/** Makes an account an owner of an action. The account must be able to edit (action owner or above). */
export async function assignActionOwner(
  db: Db,
  target: { planId: string; actionNumber: number; accountId: string },
  acting: Acting,
): Promise<ActionOwner> {
  return inTransaction(db, async (trx) => {
    await requireAction(trx, target.planId, target.actionNumber);
    const account = await getAccount(trx, target.accountId);
    if (roleRank(account.role) < roleRank("action_owner")) {
      throw new DomainError(
        "conflict",
        `${account.email} is a viewer; give the account the action_owner role first`,
      );
    }
    if (account.disabled) throw new DomainError("conflict", `${account.email} is disabled`);
    const now = (acting.clock ?? systemClock).now().toISOString();
    const inserted = await trx
      .insertInto("action_owners")
      .values({
        plan_id: target.planId,
        action_number: target.actionNumber,
        account_id: target.accountId,
        assigned_at: now,
      })
      .onConflict((oc) => oc.columns(["plan_id", "action_number", "account_id"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) {
      await recordAudit(
        trx,
        {
          kind: "assignment.added",
          actor: acting.actor,
          ip: acting.ip,
          subject: { type: "action", id: `${target.planId}/${target.actionNumber}` },
          details: { email: account.email, accountId: account.id },
        },
        acting.clock,
      );
    }
    const owners = await listActionOwners(trx, target.planId);
    return owners.find((o) => o.actionNumber === target.actionNumber && o.accountId === target.accountId)!;
  });
}

export async function unassignActionOwner(
  db: Db,
  target: { planId: string; actionNumber: number; accountId: string },
  acting: Acting,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const result = await trx
      .deleteFrom("action_owners")
      .where("plan_id", "=", target.planId)
      .where("action_number", "=", target.actionNumber)
      .where("account_id", "=", target.accountId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) {
      throw notFound(
        `assignment of action ${target.actionNumber} of plan "${target.planId}" to account ${target.accountId}`,
      );
    }
    const account = await getAccount(trx, target.accountId);
    await recordAudit(
      trx,
      {
        kind: "assignment.removed",
        actor: acting.actor,
        ip: acting.ip,
        subject: { type: "action", id: `${target.planId}/${target.actionNumber}` },
        details: { email: account.email, accountId: account.id },
      },
      acting.clock,
    );
  });
}

import type { AccountsTable } from "../../db/schema.js";
import type { Db } from "../plan/plan.repository.js";

export async function findAccountRowById(db: Db, id: string): Promise<AccountsTable | undefined> {
  return db.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findAccountRowByEmail(db: Db, email: string): Promise<AccountsTable | undefined> {
  return db.selectFrom("accounts").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();
}

export async function listAccountRows(db: Db): Promise<AccountsTable[]> {
  return db.selectFrom("accounts").selectAll().orderBy("email").execute();
}

export async function countAccounts(db: Db): Promise<number> {
  const row = await db
    .selectFrom("accounts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active administrators other than the one given. */
export async function countOtherActiveAdmins(db: Db, exceptId: string): Promise<number> {
  const row = await db
    .selectFrom("accounts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .where("id", "<>", exceptId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertAccountRow(db: Db, row: AccountsTable): Promise<void> {
  await db.insertInto("accounts").values(row).execute();
}

export async function updateAccountRow(
  db: Db,
  id: string,
  changes: Partial<Omit<AccountsTable, "id" | "created_at">>,
): Promise<void> {
  await db.updateTable("accounts").set(changes).where("id", "=", id).execute();
}

/**
 * Revokes every token of the account that still works (a password change or reset: whoever
 * made a token with the old password must not keep the account's power). Returns how many.
 */
export async function revokeActiveTokens(db: Db, accountId: string, now: string): Promise<number> {
  const rows = await db
    .updateTable("access_tokens")
    .set({ revoked_at: now })
    .where("account_id", "=", accountId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .returning("id")
    .execute();
  return rows.length;
}

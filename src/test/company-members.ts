import type { Account } from "../core/accounts/account.model.js";
import type { Db } from "../core/plan/plan.repository.js";
import { testAccount } from "./accounts.js";

/** An account of a firm (role company_member), member of `companyId`, written straight to the database. */
export async function testCompanyMember(db: Db, companyId: string): Promise<Account> {
  const account = await testAccount(db, { role: "company_member" });
  await db
    .insertInto("company_members")
    .values({
      account_id: account.id,
      company_id: companyId,
      added_at: new Date().toISOString(),
      added_by: "test",
    })
    .execute();
  return account;
}

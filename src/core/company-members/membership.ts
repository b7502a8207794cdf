import type { Db } from "../plan/plan.repository.js";

/**
 * Which company an account of a firm (role company_member) acts for. One company per account:
 * a person who works for two firms gets two accounts, so a session never mixes them.
 */
export async function companyOfMember(db: Db, accountId: string): Promise<string | null> {
  const row = await db
    .selectFrom("company_members")
    .select("company_id")
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return row?.company_id ?? null;
}

export interface CompanyMember {
  accountId: string;
  email: string;
  displayName: string;
  addedAt: string;
  disabled: boolean;
}

/** The accounts of one firm, for the staff page of the company. */
export async function listCompanyMembers(db: Db, companyId: string): Promise<CompanyMember[]> {
  const rows = await db
    .selectFrom("company_members")
    .innerJoin("accounts", "accounts.id", "company_members.account_id")
    .select([
      "company_members.account_id as accountId",
      "accounts.email as email",
      "accounts.display_name as displayName",
      "company_members.added_at as addedAt",
      "accounts.disabled_at as disabledAt",
    ])
    .where("company_members.company_id", "=", companyId)
    .orderBy("accounts.email")
    .execute();
  return rows.map(({ disabledAt, ...rest }) => ({ ...rest, disabled: disabledAt !== null }));
}

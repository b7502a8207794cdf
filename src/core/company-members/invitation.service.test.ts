import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../../test/accounts.js";
import { TestClock } from "../../test/clock.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { allows, isMemberOf, roleRank, ROLES } from "../access/roles.js";
import { updateAccount } from "../accounts/account.service.js";
import { systemActor } from "../audit/audit.js";
import { DAY } from "../clock.js";
import { acceptInvitation, createInvitation, openInvitation } from "./invitation.service.js";
import { companyOfMember, listCompanyMembers } from "./membership.js";

describe("the company member role", () => {
  it("is outside the staff ordering: it passes only routes that name it, for its own company", () => {
    const member = {
      accountId: "m",
      email: "m@firm.example",
      role: "company_member" as const,
      companyId: "c-1",
    };
    for (const role of ROLES) expect(allows(member, role), role).toBe(false);
    expect(allows(member, "company_member")).toBe(true);
    expect(allows(member, "public")).toBe(true);
    expect(isMemberOf(member, "c-1")).toBe(true);
    expect(isMemberOf(member, "c-2")).toBe(false);
    const { companyId: _gone, ...withoutCompany } = member;
    expect(allows(withoutCompany, "company_member")).toBe(false);
    for (const role of ROLES) {
      const staff = { accountId: "s", email: "s@city.example", role };
      expect(allows(staff, "company_member"), role).toBe(false);
      expect(isMemberOf(staff, "c-1")).toBe(false);
    }
    expect(roleRank("company_member")).toBeLessThan(roleRank("viewer"));
  });
});

describe.each(testDialects)("invitations on %s", (dialect) => {
  let t: TestDatabase;
  const acting = { actor: systemActor("test manager") };
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it("stores the link hashed, makes a member of that one company once, and audits both steps", async () => {
    const clock = new TestClock();
    const { token } = await createInvitation(t.db, "c-aaa", { email: null }, { ...acting, clock });
    expect(token).toMatch(/^shinko_inv_/);
    const stored = await t.db.selectFrom("company_invitations").selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token.slice("shinko_inv_".length));
    expect(await openInvitation(t.db, token, clock)).toEqual({ companyId: "c-aaa", email: null });

    const { account, companyId } = await acceptInvitation(
      t.db,
      token,
      { email: "Owner@Firm.example", displayName: "門真太郎", password: TEST_PASSWORD },
      { clock },
    );
    expect([account.role, account.email, companyId]).toEqual([
      "company_member",
      "owner@firm.example",
      "c-aaa",
    ]);
    expect(await companyOfMember(t.db, account.id)).toBe("c-aaa");
    expect((await listCompanyMembers(t.db, "c-aaa")).map((m) => m.email)).toEqual(["owner@firm.example"]);

    // Used once: the second use is refused and creates nothing.
    await expect(
      acceptInvitation(t.db, token, { email: "other@firm.example", password: TEST_PASSWORD }, { clock }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(
      await t.db.selectFrom("accounts").select("id").where("email", "=", "other@firm.example").execute(),
    ).toEqual([]);

    const kinds = (
      await t.db.selectFrom("audit_log").select("kind").where("subject_id", "=", "c-aaa").execute()
    ).map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(["company_member.invited", "company_member.joined"]));

    // Staff roles never become it, and it never becomes staff.
    await expect(updateAccount(t.db, account.id, { role: "admin" }, acting)).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("refuses an expired link, another address than the one invited, and keeps the link on a bad password", async () => {
    const clock = new TestClock();
    const expiring = await createInvitation(t.db, "c-bbb", { email: null }, { ...acting, clock });
    clock.advance(15 * DAY);
    expect(await openInvitation(t.db, expiring.token, clock)).toBeNull();
    await expect(
      acceptInvitation(
        t.db,
        expiring.token,
        { email: "late@firm.example", password: TEST_PASSWORD },
        { clock },
      ),
    ).rejects.toMatchObject({ code: "forbidden" });

    const named = await createInvitation(t.db, "c-bbb", { email: "kept@firm.example" }, { ...acting, clock });
    await expect(
      acceptInvitation(
        t.db,
        named.token,
        { email: "intruder@firm.example", password: TEST_PASSWORD },
        { clock },
      ),
    ).rejects.toMatchObject({ issues: [{ path: "email" }] });
    await expect(
      acceptInvitation(t.db, named.token, { email: "kept@firm.example", password: "short" }, { clock }),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: "password" })] });
    expect(await openInvitation(t.db, named.token, clock)).not.toBeNull();
    const ok = await acceptInvitation(
      t.db,
      named.token,
      { email: "kept@firm.example", password: TEST_PASSWORD },
      { clock },
    );
    expect(ok.companyId).toBe("c-bbb");
  });
});

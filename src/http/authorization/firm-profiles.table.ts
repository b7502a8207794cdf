import type { InjectOptions } from "fastify";
import { roleRank, type Role } from "../../core/access/roles.js";
import { createCompany, getCompany } from "../../core/companies/company.service.js";
import { submitClaim } from "../../core/company-members/claim.service.js";
import { createInvitation } from "../../core/company-members/invitation.service.js";
import { submitProfileChange } from "../../core/company-members/profile-change.service.js";
import { KADOMA } from "../../core/municipalities/municipality.js";
import { TEST_PASSWORD } from "../../test/accounts.js";
import { acting, type Fixtures } from "./fixtures.js";
import { everyone, form, get, needs, WHO, type Case, type Table, type Who } from "./table.js";

/**
 * Firms keeping their own profile and the city's company pages. The table's company member
 * belongs to `fixtures.memberCompanyId` (made here on first use); it is a member of no other
 * company, so on `GET /api/v1/companies/welder` it is "a member of another company" and gets the
 * public view (self-service.test.ts checks the fields). Staff pages need plan_manager: viewers,
 * action owners and members get 403.
 */
let made = 0;
const unique = () => `${++made}-${Date.now().toString(36)}`;

async function memberCompany(fixtures: Fixtures) {
  const id = fixtures.memberCompanyId;
  try {
    return await getCompany(fixtures.t.db, id);
  } catch {
    return fixtures.t.db
      .transaction()
      .execute((trx) =>
        createCompany(trx, KADOMA.code, { id, name: "権限表の会員企業（架空）", town: "宮野町" }),
      );
  }
}

/** A fresh pending change of the member's company (a newer one replaces the older, which is fine). */
async function pendingChange(fixtures: Fixtures): Promise<string> {
  const company = await memberCompany(fixtures);
  const change = await submitProfileChange(
    fixtures.t.db,
    company.id,
    "table-member",
    { name: company.name, town: company.town, pr: `権限表の変更 ${unique()}` },
    { baseVersion: company.version },
    acting,
  );
  return change!.id;
}

async function claim(fixtures: Fixtures): Promise<string> {
  const c = await submitClaim(
    fixtures.t.db,
    { companyId: "press-kn", name: "権限表", email: fixtures.uniqueEmail(), message: "" },
    { ip: `198.51.100.${made++ % 250}:${unique()}` },
  );
  return c.id;
}

async function invitation(fixtures: Fixtures): Promise<string> {
  const company = await memberCompany(fixtures);
  return (await createInvitation(fixtures.t.db, company.id, { email: null }, acting)).token;
}

const page = (role: Role, ok: number, anonymous: number): Record<Who, number> =>
  Object.fromEntries(
    WHO.map((w) => [w, w === "public" ? anonymous : roleRank(w) >= roleRank(role) ? ok : 403]),
  ) as Record<Who, number>;
const staffView: Pick<Case, "expect" | "tokens"> = {
  expect: page("plan_manager", 200, 303),
  tokens: { read: 303, write: 303 },
};
const staffChange = (ok = 303): Pick<Case, "expect" | "tokens"> => ({
  expect: page("plan_manager", ok, 401),
  tokens: { read: 403, write: 401 },
});
/** Only the company member gets through; staff 403, the public `anonymous`. */
const memberOnly = (ok: number, anonymous: number): Record<Who, number> =>
  Object.fromEntries(
    WHO.map((w) => [w, w === "company_member" ? ok : w === "public" ? anonymous : 403]),
  ) as Record<Who, number>;

/** A public form post from its own address (claims are limited per address). */
const fromAddress = (options: InjectOptions): InjectOptions => ({
  ...options,
  remoteAddress: `192.0.2.${(made++ % 250) + 1}`,
});

export const FIRM_PROFILE_ROUTES: Table = {
  "GET /my-company": {
    request: async ({ fixtures }) => {
      await memberCompany(fixtures);
      return get("/my-company")();
    },
    expect: memberOnly(200, 303),
    tokens: { read: 303, write: 303 },
  },
  "POST /my-company": {
    request: async ({ fixtures }) => {
      const c = await memberCompany(fixtures);
      return form("/my-company", {
        baseVersion: String(c.version),
        name: c.name,
        town: c.town,
        pr: `ページからの変更 ${unique()}`,
      });
    },
    expect: memberOnly(303, 401),
    tokens: { read: 403, write: 401 },
  },
  "GET /companies/:slug/firms/:id/claim": {
    request: get("/companies/kadoma/firms/press-kn/claim"),
    expect: everyone(200),
    tokens: { read: 200, write: 200 },
  },
  "POST /companies/:slug/firms/:id/claim": {
    request: ({ fixtures }) =>
      fromAddress(
        form("/companies/kadoma/firms/press-kn/claim", {
          name: "権限表",
          email: fixtures.uniqueEmail(),
          message: "",
        }),
      ),
    expect: everyone(303),
    tokens: { read: 403, write: 303 },
  },
  "GET /invitations/:token": {
    request: async ({ fixtures }) => get(`/invitations/${await invitation(fixtures)}`)(),
    expect: everyone(200),
    tokens: { read: 200, write: 200 },
  },
  "POST /invitations/:token": {
    request: async ({ fixtures }) =>
      form(`/invitations/${await invitation(fixtures)}`, {
        email: fixtures.uniqueEmail(),
        password: TEST_PASSWORD,
      }),
    expect: everyone(303),
    tokens: { read: 403, write: 303 },
  },
  "GET /staff/companies": {
    request: get(`/staff/companies?town=${encodeURIComponent("宮野町")}`),
    ...staffView,
  },
  "GET /staff/companies/new": { request: get("/staff/companies/new"), ...staffView },
  "POST /staff/companies/new": {
    request: () => form("/staff/companies/new", { name: `職員が登録（架空）${unique()}`, town: "宮野町" }),
    ...staffChange(),
  },
  "GET /staff/companies/:id": { request: get("/staff/companies/welder"), ...staffView },
  "POST /staff/companies/:id": {
    request: async ({ fixtures }) => {
      const id = `authz-staff-${unique()}`;
      await fixtures.t.db
        .transaction()
        .execute((trx) =>
          createCompany(trx, KADOMA.code, { id, name: "職員の編集（架空）", town: "宮野町" }),
        );
      return form(`/staff/companies/${id}`, {
        baseVersion: "1",
        name: "職員の編集後（架空）",
        town: "宮野町",
        listed: "yes",
      });
    },
    ...staffChange(),
  },
  "POST /staff/companies/:id/invitations": {
    request: () => form("/staff/companies/welder/invitations", {}),
    ...staffChange(200),
  },
  "GET /staff/company-changes": { request: get("/staff/company-changes"), ...staffView },
  "GET /staff/company-changes/:id": {
    request: async ({ fixtures }) => get(`/staff/company-changes/${await pendingChange(fixtures)}`)(),
    ...staffView,
  },
  "POST /staff/company-changes/:id/approve": {
    request: async ({ fixtures }) => form(`/staff/company-changes/${await pendingChange(fixtures)}/approve`),
    ...staffChange(),
  },
  "POST /staff/company-changes/:id/reject": {
    request: async ({ fixtures }) =>
      form(`/staff/company-changes/${await pendingChange(fixtures)}/reject`, { reason: "権限表の差し戻し" }),
    ...staffChange(),
  },
  "GET /staff/company-claims": { request: get("/staff/company-claims"), ...staffView },
  "POST /staff/company-claims/:id/approve": {
    request: async ({ fixtures }) => form(`/staff/company-claims/${await claim(fixtures)}/approve`),
    ...staffChange(200),
  },
  "POST /staff/company-claims/:id/reject": {
    request: async ({ fixtures }) => form(`/staff/company-claims/${await claim(fixtures)}/reject`),
    ...staffChange(),
  },

  "GET /api/v1/my-company": {
    request: async ({ fixtures }) => {
      await memberCompany(fixtures);
      return get("/api/v1/my-company")();
    },
    expect: memberOnly(200, 401),
  },
  "PUT /api/v1/my-company": {
    request: async ({ fixtures }) => {
      const c = await memberCompany(fixtures);
      return {
        method: "PUT",
        url: "/api/v1/my-company",
        payload: { baseVersion: c.version, company: { name: c.name, town: c.town, pr: `API ${unique()}` } },
      };
    },
    expect: memberOnly(202, 401),
  },
  "GET /api/v1/company-changes": {
    request: get("/api/v1/company-changes"),
    expect: needs("plan_manager", 200),
  },
  "GET /api/v1/company-changes/:id": {
    request: async ({ fixtures }) => get(`/api/v1/company-changes/${await pendingChange(fixtures)}`)(),
    expect: needs("plan_manager", 200),
  },
  "POST /api/v1/company-changes/:id/approve": {
    request: async ({ fixtures }) => ({
      method: "POST",
      url: `/api/v1/company-changes/${await pendingChange(fixtures)}/approve`,
    }),
    expect: needs("plan_manager", 200),
  },
  "POST /api/v1/company-changes/:id/reject": {
    request: async ({ fixtures }) => ({
      method: "POST",
      url: `/api/v1/company-changes/${await pendingChange(fixtures)}/reject`,
      payload: { reason: "権限表" },
    }),
    expect: needs("plan_manager", 204),
  },
};

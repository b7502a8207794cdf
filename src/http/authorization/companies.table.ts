import { createCompany } from "../../core/companies/company.service.js";
import { KADOMA } from "../../core/municipalities/municipality.js";
import type { Fixtures } from "./fixtures.js";
import { everyone, get, needs, type Table } from "./table.js";

let made = 0;

/** A fresh fictitious company for a request that changes or removes one. */
async function freshCompany(fixtures: Fixtures): Promise<string> {
  const id = `authz-${++made}-${Date.now().toString(36)}`;
  await fixtures.t.db
    .transaction()
    .execute((trx) =>
      createCompany(trx, KADOMA.code, { id, name: `権限確認（架空）${made}`, town: "宮野町" }),
    );
  return id;
}

/** The company registry's API (the table's database holds Kadoma and src/test/companies.ts's firms). */
export const COMPANY_ROUTES: Table = {
  "GET /api/v1/companies": {
    request: get(
      "/api/v1/companies?process=%E3%83%97%E3%83%AC%E3%82%B9%E5%8A%A0%E5%B7%A5&pressForceKnMin=200t",
    ),
    expect: everyone(200),
  },
  "GET /api/v1/companies/vocabulary": { request: get("/api/v1/companies/vocabulary"), expect: everyone(200) },
  "GET /api/v1/companies/industry-codes": {
    request: get("/api/v1/companies/industry-codes"),
    expect: everyone(200),
  },
  "GET /api/v1/companies/:id": { request: get("/api/v1/companies/welder"), expect: everyone(200) },
  "GET /api/v1/companies/:id/history": {
    request: get("/api/v1/companies/welder/history"),
    expect: needs("viewer", 200),
  },
  "POST /api/v1/companies": {
    request: () => ({
      method: "POST",
      url: "/api/v1/companies?municipality=kadoma",
      payload: { name: "新規登録（架空）", town: "宮野町", processes: ["溶接"] },
    }),
    expect: needs("plan_manager", 201),
  },
  "PUT /api/v1/companies/:id": {
    request: async ({ fixtures }) => ({
      method: "PUT",
      url: `/api/v1/companies/${await freshCompany(fixtures)}`,
      payload: { baseVersion: 1, company: { name: "更新後（架空）", town: "宮野町" } },
    }),
    expect: needs("plan_manager", 200),
  },
  "POST /api/v1/companies/:id/verify": {
    request: async ({ fixtures }) => ({
      method: "POST",
      url: `/api/v1/companies/${await freshCompany(fixtures)}/verify`,
      payload: { fields: ["name"] },
    }),
    expect: needs("plan_manager", 200),
  },
  "DELETE /api/v1/companies/:id": {
    request: async ({ fixtures }) => ({
      method: "DELETE",
      url: `/api/v1/companies/${await freshCompany(fixtures)}`,
    }),
    expect: needs("plan_manager", 204),
  },
};

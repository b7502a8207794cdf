import { everyone, get, type Table } from "./table.js";

/** The public web pages and their assets. */
export const PAGE_ROUTES: Table = {
  "GET /": { request: get("/"), expect: everyone(200) },
  "GET /plans/:planId": { request: get("/plans/kadoma"), expect: everyone(200) },
  "GET /plans/:planId/table": { request: get("/plans/kadoma/table"), expect: everyone(200) },
  "GET /plans/:planId/roadmap": { request: get("/plans/kadoma/roadmap"), expect: everyone(200) },
  "GET /plans/:planId/actions/:number": { request: get("/plans/kadoma/actions/12"), expect: everyone(200) },
  "GET /plans/:planId/search": { request: get("/plans/kadoma/search?q=DX"), expect: everyone(200) },
  "GET /plans/:planId/indicators": { request: get("/plans/kadoma/indicators"), expect: everyone(200) },
  "GET /plans/:planId/actions/:number/history": {
    request: get("/plans/kadoma/actions/20/history"),
    expect: everyone(200),
  },
  "GET /plans/:planId/compare": { request: get("/plans/kadoma/compare"), expect: everyone(200) },
  "GET /assets/:file": {
    request: async ({ fixtures }) => ({ method: "GET", url: await fixtures.stylesheetUrl() }),
    expect: everyone(200),
  },
};

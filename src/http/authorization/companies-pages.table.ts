import { everyone, get, type Table } from "./table.js";

/**
 * The public portal pages (ものづくりタウンかどま): reads for everyone, signed in or not, a company
 * member included; the table's database holds Kadoma and src/test/companies.ts's firms. Pages
 * ignore access tokens (they read the public view whoever asks).
 */
const open = { expect: everyone(200), tokens: { read: 200, write: 200 } };

export const COMPANY_PAGE_ROUTES: Table = {
  "GET /companies/:slug": {
    request: get(`/companies/kadoma?process=${encodeURIComponent("プレス加工")}&pressForceKnMin=200t`),
    ...open,
  },
  "GET /companies/:slug/firms/:id": { request: get("/companies/kadoma/firms/press-200t"), ...open },
  "GET /companies/:slug/processes/:process": {
    request: get(`/companies/kadoma/processes/${encodeURIComponent("切削加工")}`),
    ...open,
  },
  "GET /companies/:slug/open-data.csv": { request: get("/companies/kadoma/open-data.csv"), ...open },
  "GET /companies/:slug/open-data.json": { request: get("/companies/kadoma/open-data.json"), ...open },
};

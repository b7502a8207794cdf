import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../../core/accounts/account.model.js";
import { companyToInput } from "../../../core/companies/company.rules.js";
import { getCompany, updateCompany } from "../../../core/companies/company.service.js";
import {
  asBrowser,
  sessionCookieFrom,
  sessionFor,
  TEST_PASSWORD,
  testAccount,
} from "../../../test/accounts.js";
import { testApp } from "../../../test/app.js";
import { seedTestFirms } from "../../../test/companies.js";
import { testCompanyMember } from "../../../test/company-members.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../../test/databases.js";

const enc = encodeURIComponent;
const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return body.toString();
};

/** The form a browser would send back for the page as rendered (every input's current value). */
function formOf(html: string): Record<string, string | string[]> {
  const out: Record<string, string[]> = {};
  const add = (k: string, v: string) => (out[k] ??= []).push(v);
  const decode = (s: string) =>
    s
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"');
  const profile = html.slice(html.indexOf('class="profile-form"'));
  const body = profile.slice(0, profile.indexOf("</form>"));
  for (const m of body.matchAll(/<input([^>]*)>/g)) {
    const a = m[1]!;
    const name = /name="([^"]+)"/.exec(a)?.[1];
    if (!name) continue;
    const value = decode(/value="([^"]*)"/.exec(a)?.[1] ?? "");
    if (/type="checkbox"/.test(a)) {
      if (/checked/.test(a)) add(name, value);
    } else add(name, value);
  }
  for (const m of body.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
    add(m[1]!, decode(m[2]!));
  for (const m of body.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? "";
    add(m[1]!, decode(selected));
  }
  return out;
}

describe.each(testDialects)("firms keep their own profile on %s", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let member: Record<string, string>;
  let otherMember: Record<string, string>;
  let manager: Record<string, string>;
  let viewer: Record<string, string>;
  let managerAccount: Account;
  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await seedTestFirms(t.db);
    app = await testApp(t);
    member = asBrowser(await sessionFor(t.db, await testCompanyMember(t.db, "welder")));
    otherMember = asBrowser(await sessionFor(t.db, await testCompanyMember(t.db, "press-small")));
    managerAccount = await testAccount(t.db, { role: "plan_manager" });
    manager = asBrowser(await sessionFor(t.db, managerAccount));
    viewer = asBrowser(await sessionFor(t.db, await testAccount(t.db, { role: "viewer" })));
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });
  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: "GET", url, headers });
  const post = (url: string, headers: Record<string, string>, fields: Record<string, string | string[]>) =>
    app.inject({
      method: "POST",
      url,
      headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
      payload: form(fields),
    });
  const publicState = async () => {
    const page = (await get("/companies/kadoma/firms/welder")).body;
    const api = (await get("/api/v1/companies/welder")).body;
    const keyword = (await get(`/api/v1/companies?q=${enc("承認待ちの新製品")}`)).json<{ total: number }>()
      .total;
    const range = (await get(`/api/v1/companies?process=${enc("プレス加工")}&pressForceKnMin=1960kN`)).json<{
      companies: { id: string }[];
      facets: { town: { value: string; count: number }[] };
    }>();
    const portal = (await get(`/companies/kadoma?process=${enc("プレス加工")}&pressForceKnMin=200t`)).body;
    const csv = (await get("/companies/kadoma/open-data.csv")).body;
    const json = (await get("/companies/kadoma/open-data.json")).body;
    return {
      page: page.includes("承認待ちの新製品"),
      api: api.includes("承認待ちの新製品"),
      keyword,
      inRange: range.companies.some((c) => c.id === "welder"),
      miyanoFacet: range.facets.town.find((f) => f.value === "宮野町")?.count ?? 0,
      portal: portal.includes("溶接工房みなみ"),
      downloads: csv.includes("承認待ちの新製品") || json.includes("承認待ちの新製品"),
    };
  };
  const invisible = {
    page: false,
    api: false,
    keyword: 0,
    inRange: false,
    miyanoFacet: 0,
    portal: false,
    downloads: false,
  };

  it("sends a member to /my-company after sign-in and shows every field with provenance", async () => {
    const account = await testCompanyMember(t.db, "welder");
    const signIn = await app.inject({
      method: "POST",
      url: "/sign-in",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: form({ email: account.email, password: TEST_PASSWORD }),
    });
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe("/my-company");
    const page = await get("/my-company", member);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("06-9999-0001"); // the private phone: it is the firm's own
    expect(page.body).toContain("非公開");
    expect(page.body).toMatch(/市（\d{4}年\d{1,2}月\d{1,2}日）/);
    expect(page.body).toContain('name="_csrf"');
    // Without a session: to sign-in; a staff account: refused.
    expect((await get("/my-company")).headers.location).toBe("/sign-in?next=%2Fmy-company");
    expect((await get("/my-company", manager)).statusCode).toBe(403);
  });

  it("keeps a firm's edit invisible everywhere public until the city approves it", async () => {
    expect(await publicState()).toEqual(invisible);
    const fields = formOf((await get("/my-company", member)).body);
    expect(fields.name).toEqual(["溶接工房みなみ（架空）"]);
    const sent = await post("/my-company", member, {
      ...fields,
      products: "承認待ちの新製品",
      processes: [...[fields.processes ?? []].flat(), "プレス加工"],
      "eq-0-kind": "プレス機",
      "eq-0-maker": "アマダ",
      "eq-0-count": "1",
      "eq-0-specs": "加圧能力 200t、ベッド幅 1,500mm",
    });
    expect(sent.statusCode, sent.body.slice(0, 500)).toBe(303);
    expect(sent.headers.location).toBe("/my-company?done=submitted");
    const mine = (await get("/my-company?done=submitted", member)).body;
    expect(mine).toContain("市が確認しています");
    expect(mine).toContain("承認待ちの新製品"); // the form shows what is waiting
    expect(await publicState()).toEqual(invisible);

    // The city's queue: a field-by-field difference.
    expect((await get("/staff/company-changes", viewer)).statusCode).toBe(403);
    const queue = await get("/staff/company-changes", manager);
    expect(queue.statusCode).toBe(200);
    const link = /href="(\/staff\/company-changes\/[^"]+)">溶接工房みなみ/.exec(queue.body)?.[1];
    expect(link).toBeDefined();
    const diff = (await get(link!, manager)).body;
    expect(diff).toContain("承認待ちの新製品");
    expect(diff).toMatch(/加圧能力 1,961\.33 kN/);
    expect((await post(`${link}/approve`, viewer, {})).statusCode).toBe(403);
    expect((await post(`${link}/approve`, member, {})).statusCode).toBe(403);
    const approved = await post(`${link}/approve`, manager, {});
    expect(approved.statusCode).toBe(303);

    expect(await publicState()).toEqual({
      page: true,
      api: true,
      keyword: 1,
      inRange: true,
      miyanoFacet: 1,
      portal: true,
      downloads: true,
    });
    const company = (await get("/api/v1/companies/welder", manager)).json<{
      fields: Record<string, { source: string; verifiedAt: string | null }>;
      phone: string;
    }>();
    expect(company.fields.products).toMatchObject({ source: "firm", verifiedAt: null });
    expect(company.fields.name!.source).toBe("city");
    expect(company.phone).toBe("06-9999-0001");
    const kinds = (
      await t.db.selectFrom("audit_log").select("kind").where("subject_id", "=", "welder").execute()
    ).map((r) => r.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(["company_change.submitted", "company_change.approved", "company.updated"]),
    );
    const history = await t.db
      .selectFrom("company_changes")
      .select(["source"])
      .where("company_id", "=", "welder")
      .orderBy("version", "desc")
      .executeTakeFirstOrThrow();
    expect(history.source).toBe("firm");
    // Approving twice is refused and changes nothing.
    expect((await post(`${link}/approve`, manager, {})).statusCode).toBe(409);
  });

  it("refuses a spec it cannot read, naming the machine's field, and stores nothing", async () => {
    const fields = formOf((await get("/my-company", member)).body);
    const before = await t.db.selectFrom("company_pending_changes").select("id").execute();
    for (const [specs, words] of [
      ["加圧能力 たくさん", "設備2 能力"],
      ["馬力 200t", "「馬力」"],
    ] as const) {
      const res = await post("/my-company", member, {
        ...fields,
        "eq-1-kind": "プレス機",
        "eq-1-specs": specs,
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain(words);
      expect(res.body).toContain('href="#eq-1-specs"');
    }
    const res = await post("/my-company", member, { ...fields, email: "not-an-address" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/href="#pf-email">メール:/);
    expect(await t.db.selectFrom("company_pending_changes").select("id").execute()).toHaveLength(
      before.length,
    );
    // Without the CSRF token: refused.
    const { "x-csrf-token": _c, ...noCsrf } = member;
    const { _csrf: _f, ...withoutToken } = fields;
    expect((await post("/my-company", noCsrf, { ...withoutToken, pr: "x" })).statusCode).toBe(403);
  });

  it("goes through the API too: a pending edit, sent back with a reason the firm reads", async () => {
    const mine = (await get("/api/v1/my-company", member)).json<{
      company: { version: number; pr: string };
    }>();
    const put = await app.inject({
      method: "PUT",
      url: "/api/v1/my-company",
      headers: member,
      payload: {
        baseVersion: mine.company.version,
        company: { name: "溶接工房みなみ（架空）", town: "宮野町", pr: "API経由の未承認PR" },
      },
    });
    expect(put.statusCode, put.body).toBe(202);
    const change = put.json<{ change: { id: string; fields: string[] } }>().change;
    expect(change.fields).toContain("pr");
    expect((await get("/api/v1/companies/welder")).body).not.toContain("API経由の未承認PR");
    expect((await get(`/api/v1/companies?q=${enc("API経由")}`)).json<{ total: number }>().total).toBe(0);
    const list = await get("/api/v1/company-changes", manager);
    expect(list.json<{ changes: { id: string }[] }>().changes.map((c) => c.id)).toContain(change.id);
    expect((await get("/api/v1/company-changes", viewer)).statusCode).toBe(403);
    const refused = await app.inject({
      method: "POST",
      url: `/api/v1/company-changes/${change.id}/reject`,
      headers: manager,
      payload: { reason: "" },
    });
    expect(refused.statusCode).toBe(400);
    const rejected = await app.inject({
      method: "POST",
      url: `/api/v1/company-changes/${change.id}/reject`,
      headers: manager,
      payload: { reason: "PRに連絡先を書かないでください" },
    });
    expect(rejected.statusCode).toBe(204);
    expect((await get("/api/v1/companies/welder")).body).not.toContain("API経由の未承認PR");
    const after = (await get("/api/v1/my-company", member)).json<{
      change: { status: string; reason: string };
    }>();
    expect(after.change).toMatchObject({ status: "rejected", reason: "PRに連絡先を書かないでください" });
    expect((await get("/my-company", member)).body).toContain("PRに連絡先を書かないでください");
  });

  it("shows private fields only to managers and the firm itself", async () => {
    const phone = async (headers: Record<string, string>, id = "welder") =>
      (await get(`/api/v1/companies/${id}`, headers)).json<{ phone?: string }>().phone;
    expect(await phone({})).toBeUndefined();
    expect(await phone(viewer)).toBeUndefined();
    expect(await phone(otherMember)).toBeUndefined();
    expect(await phone(member)).toBe("06-9999-0001");
    expect(await phone(manager)).toBe("06-9999-0001");
    const search = async (headers: Record<string, string>) =>
      (await get("/api/v1/companies?q=06-9999-0001", headers)).json<{ total: number }>().total;
    expect(await search(viewer)).toBe(0);
    expect(await search(otherMember)).toBe(0);
    expect(await search(manager)).toBe(1);
    // The city's own notes stay the city's, even from the firm itself.
    const stored = await getCompany(t.db, "welder");
    await t.db
      .transaction()
      .execute((trx) =>
        updateCompany(trx, "welder", { ...companyToInput(stored), notes: "市の内部メモ（企業に見せない）" }),
      );
    for (const url of ["/api/v1/companies/welder", "/api/v1/my-company", "/my-company"])
      expect((await get(url, member)).body, url).not.toContain("市の内部メモ");
    expect((await get("/api/v1/companies/welder", manager)).body).toContain("市の内部メモ");
    // A member of another company sees its own company on its page, never this one's private data.
    const elsewhere = (await get("/my-company", otherMember)).body;
    expect(elsewhere).toContain("小型プレス工業（架空）");
    expect(elsewhere).not.toContain("06-9999-0001");
    expect((await get("/staff/companies", viewer)).statusCode).toBe(403);
    expect((await get("/staff/companies/welder", otherMember)).statusCode).toBe(403);
    const staffPage = await get("/staff/companies/welder", manager);
    expect(staffPage.statusCode).toBe(200);
    expect(staffPage.body).toContain("06-9999-0001");
  });

  it("lets staff list, filter, create and edit companies with visibility and checks", async () => {
    const list = await get(`/staff/companies?town=${enc("宮野町")}`, manager);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("溶接工房みなみ（架空）");
    expect(list.body).not.toContain("大和鍛圧（架空）");
    const created = await post("/staff/companies/new", manager, {
      name: "新規登録の試し（架空）",
      town: "宮野町",
      phone: "06-1111-2222",
      private: "phone",
      listed: "yes",
      "eq-0-kind": "プレス機",
      "eq-0-specs": "加圧能力 1,960kN",
    });
    expect(created.statusCode, created.body.slice(0, 400)).toBe(303);
    const url = created.headers.location!.replace(/\?.*$/, "");
    const id = url.split("/").at(-1)!;
    const pub = (await get(`/api/v1/companies/${id}`)).json<{ phone?: string; equipment: unknown[] }>();
    expect(pub.phone).toBeUndefined();
    expect(pub.equipment).toHaveLength(1);
    const fields = formOf((await get(url, manager)).body);
    const saved = await post(url, manager, { ...fields, private: [], verify: ["phone"] });
    expect(saved.statusCode, saved.body.slice(0, 400)).toBe(303);
    const now = (await get(`/api/v1/companies/${id}`)).json<{
      phone?: string;
      fields: Record<string, { verifiedAt: string | null }>;
    }>();
    expect(now.phone).toBe("06-1111-2222");
    expect(now.fields.phone!.verifiedAt).not.toBeNull();
    const stale = await post(url, manager, { ...fields, pr: "古い版からの保存" });
    expect(stale.statusCode).toBe(400); // someone saved since: refused, nothing lost silently
    const fresh = formOf((await get(url, manager)).body);
    const bad = await post(url, manager, { ...fresh, corporateNumber: "1234567890123" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#pf-corporateNumber"');
  });

  it("takes a claim from the public form, and the approval's link makes a member account", async () => {
    const claimUrl = "/companies/kadoma/firms/press-kn/claim";
    expect((await get(claimUrl)).statusCode).toBe(200);
    const missing = await post(claimUrl, {}, { name: "", email: "x", message: "" });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#claim-name"');
    const sent = await post(
      claimUrl,
      {},
      { name: "大和太郎", email: "taro@daiwa.example", message: "代表です" },
    );
    expect(sent.statusCode).toBe(303);
    const claims = await get("/staff/company-claims", manager);
    expect(claims.body).toContain("taro@daiwa.example");
    const id = /\/staff\/company-claims\/([^/"]+)\/approve/.exec(claims.body)![1]!;
    const approved = await post(`/staff/company-claims/${id}/approve`, manager, {});
    expect(approved.statusCode).toBe(200);
    const link = /(\/invitations\/shinko_inv_[^<\s]+)/.exec(approved.body)![1]!;
    expect((await get(link)).statusCode).toBe(200);
    const joined = await post(
      link,
      {},
      { email: "taro@daiwa.example", displayName: "大和太郎", password: TEST_PASSWORD },
    );
    expect(joined.statusCode).toBe(303);
    expect(joined.headers.location).toBe("/my-company");
    const cookie = sessionCookieFrom(joined.headers["set-cookie"]);
    const mine = await get("/my-company", { cookie: `shinko_session=${cookie}` });
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain("大和鍛圧（架空）");
    expect((await get(link)).statusCode).toBe(403); // used once
  });

  it("limits claims from one address like sign-in", async () => {
    const claimUrl = "/companies/kadoma/firms/machining-only/claim";
    const send = () =>
      app.inject({
        method: "POST",
        url: claimUrl,
        remoteAddress: "203.0.113.9",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: form({ name: "試し", email: "t@example.com", message: "" }),
      });
    for (let i = 0; i < 5; i++) expect((await send()).statusCode).toBe(303);
    const sixth = await send();
    expect(sixth.statusCode).toBe(429);
    expect(sixth.headers["retry-after"]).toBeDefined();
  });
});

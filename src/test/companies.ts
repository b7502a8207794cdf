import type { CompanyInput } from "../core/companies/company.schema.js";
import { createCompany } from "../core/companies/company.service.js";
import { ensureMunicipality, KADOMA } from "../core/municipalities/municipality.js";
import type { Db } from "../core/plan/plan.repository.js";

/**
 * A small registry for tests, all fictitious (架空): presses of 100 t, 200 t and 1960 kN and
 * 2500 kN, a firm listing only マシニング加工, a welder, one with a private phone.
 */
export const TEST_FIRMS: (CompanyInput & { id: string })[] = [
  {
    id: "press-small",
    name: "小型プレス工業（架空）",
    nameKana: "こがたぷれすこうぎょう",
    town: "北岸和田",
    industryCode: "2452",
    employees: 12,
    processes: ["プレス加工"],
    materials: ["鉄"],
    equipment: [{ kind: "プレス機", count: 2, specs: { pressForceKn: "100t" } }],
  },
  {
    id: "press-200t",
    name: "門真プレス製作所（架空）",
    nameKana: "かどまぷれすせいさくしょ",
    town: "北岸和田",
    industryCode: "2452",
    employees: "20-49",
    processes: ["深絞り加工", "溶接"],
    materials: ["鉄", "ステンレス"],
    certifications: [{ name: "ISO 9001", number: "JQA-0001", expires: "2027-03-31" }],
    equipment: [{ kind: "プレス機", specs: { pressForceKn: "２００トン", bedWidthMm: "1,500mm" } }],
  },
  {
    id: "press-kn",
    name: "大和鍛圧（架空）",
    nameKana: "だいわたんあつ",
    town: "上野口町",
    industryCode: "2452",
    employees: 60,
    processes: ["プレス加工"],
    materials: ["アルミニウム"],
    equipment: [
      { kind: "プレス機", specs: { pressForceKn: "1960kN" } },
      { kind: "プレス機", specs: { pressForceKn: "2500kN" } },
    ],
  },
  {
    id: "machining-only",
    name: "精密マシニング（架空）",
    nameKana: "せいみつましにんぐ",
    town: "上野口町",
    industryCode: "2699",
    employees: 8,
    processes: ["マシニング加工"],
    materials: ["アルミニウム", "ステンレス"],
    equipment: [{ kind: "マシニングセンタ", specs: { travelXMm: "1,000mm", spindleRpm: "12000" } }],
  },
  {
    id: "welder",
    name: "溶接工房みなみ（架空）",
    nameKana: "ようせつこうぼうみなみ",
    town: "宮野町",
    employees: 5,
    processes: ["TIG溶接"],
    materials: ["ステンレス"],
    pr: "薄板の溶接が得意です。",
    phone: "06-9999-0001",
    fields: { phone: { visibility: "private" } },
  },
];

/** Kadoma and the test firms, in a transaction of the caller's database. */
export async function seedTestFirms(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await ensureMunicipality(trx, KADOMA);
    for (const f of TEST_FIRMS) await createCompany(trx, KADOMA.code, f);
  });
}

import type { CompanyInput } from "../../core/companies/company.schema.js";

/**
 * Fictitious firms (架空の企業) for trying the product (`shinko demo`) and for benchmarks: every
 * name ends in 「（架空）」, phone numbers are in the unallocated 06-0000 range, and the same seed
 * gives the same firms. Shaped like a city's small manufacturers: a few processes and materials,
 * about two machines each with specs in their units.
 */
const NAME_HEADS: [string, string][] = [
  ["門真", "かどま"],
  ["北岸", "きたぎし"],
  ["三ツ島", "みつしま"],
  ["ひかり", "ひかり"],
  ["大和", "やまと"],
  ["丸栄", "まるえい"],
  ["旭", "あさひ"],
  ["昭和", "しょうわ"],
  ["千石", "せんごく"],
  ["古川", "ふるかわ"],
  ["浜田", "はまだ"],
  ["寿", "ことぶき"],
  ["東邦", "とうほう"],
  ["新星", "しんせい"],
  ["若葉", "わかば"],
  ["松井", "まつい"],
  ["岡本", "おかもと"],
  ["中西", "なかにし"],
  ["山田", "やまだ"],
  ["淀川", "よどがわ"],
];
const NAME_TAILS: [string, string][] = [
  ["精工", "せいこう"],
  ["製作所", "せいさくしょ"],
  ["工業", "こうぎょう"],
  ["プレス", "ぷれす"],
  ["金属", "きんぞく"],
  ["技研", "ぎけん"],
  ["鉄工所", "てっこうしょ"],
  ["化成", "かせい"],
  ["板金", "ばんきん"],
  ["熱処理", "ねつしょり"],
];
export const KADOMA_TOWNS = [
  "北岸和田",
  "上野口町",
  "宮野町",
  "殿島町",
  "岸和田",
  "三ツ島",
  "野里町",
  "常称寺町",
  "大池町",
  "島頭",
  "桑才新町",
  "下馬伏町",
  "上馬伏町",
  "垣内町",
  "古川町",
  "舟田町",
  "柳田町",
  "本町",
  "元町",
  "新橋町",
  "幸福町",
  "末広町",
  "栄町",
  "東田町",
  "速見町",
  "月出町",
  "北島町",
  "浜町",
  "松生町",
  "千石東町",
  "千石西町",
  "深田町",
  "四宮",
  "小路町",
  "沖町",
  "江端町",
  "泉町",
  "向島町",
  "稗島",
  "打越町",
];
/** Profiles: processes, materials, machines with their specs, a JSIC code, a product line. */
const PROFILES = [
  {
    processes: ["プレス加工", "深絞り加工"],
    materials: ["鉄", "ステンレス"],
    industry: "2452",
    products: "自動車部品・家電部品のプレス加工品",
    machines: [
      ["プレス機", "pressForceKn", [300, 2500], "kN"],
      ["プレス機", "pressForceKn", [35, 200], "t"],
    ],
  },
  {
    processes: ["マシニング加工", "旋盤加工"],
    materials: ["アルミニウム", "ステンレス"],
    industry: "2699",
    products: "精密機械部品・治具",
    machines: [
      ["マシニングセンタ", "travelXMm", [400, 2000], "mm"],
      ["NC旋盤", "spindleRpm", [3000, 6000], "rpm"],
    ],
  },
  {
    processes: ["板金加工", "レーザー加工", "曲げ加工"],
    materials: ["鉄", "ステンレス", "アルミニウム"],
    industry: "2446",
    products: "制御盤筐体・架台の製缶板金",
    machines: [
      ["レーザー加工機", "maxSheetThicknessMm", [6, 25], "mm"],
      ["プレスブレーキ", "pressForceKn", [35, 220], "t"],
    ],
  },
  {
    processes: ["溶接", "TIG溶接"],
    materials: ["ステンレス", "鉄"],
    industry: "2446",
    products: "ステンレス製タンク・配管の溶接",
    machines: [["溶接機", "weldingCurrentA", [200, 500], "A"]],
  },
  {
    processes: ["めっき", "電気めっき"],
    materials: ["鉄", "銅"],
    industry: "2464",
    products: "亜鉛めっき・ニッケルめっき",
    machines: [],
  },
  {
    processes: ["熱処理", "焼入れ"],
    materials: ["鉄"],
    industry: "2465",
    products: "浸炭焼入れ・高周波焼入れ",
    machines: [["熱処理炉", "maxTemperatureC", [900, 1200], "℃"]],
  },
  {
    processes: ["樹脂成形", "射出成形"],
    materials: ["樹脂"],
    industry: "1831",
    products: "家電用樹脂部品",
    machines: [["射出成形機", "clampForceKn", [50, 450], "t"]],
  },
  {
    processes: ["金型製作", "プレス金型製作"],
    materials: ["鉄"],
    industry: "2691",
    products: "順送プレス金型",
    machines: [
      ["マシニングセンタ", "travelXMm", [600, 1500], "mm"],
      ["放電加工機", "travelXMm", [300, 600], "mm"],
    ],
  },
  {
    processes: ["塗装", "粉体塗装"],
    materials: ["鉄", "アルミニウム"],
    industry: "2461",
    products: "金属製品の粉体塗装",
    machines: [["塗装ブース", null, [0, 0], ""]],
  },
  {
    processes: ["組立", "電気組立"],
    materials: ["樹脂", "銅"],
    industry: "2999",
    products: "制御機器の組立・配線",
    machines: [],
  },
] as const;
const CERTIFICATIONS = ["ISO 9001", "ISO 14001", "エコアクション21", "IATF 16949", "カドマイスター"];

function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, int, pick };
}

/**
 * `count` fictitious firms; `prefix` makes ids unique across municipalities (bench).
 *
 * @example
 * generateCompanies(40) // 40 firms with ids demo-0001 …, names ending 「（架空）」
 */
export function generateCompanies(
  count: number,
  options: { seed?: number; prefix?: string; towns?: readonly string[] } = {},
): (CompanyInput & { id: string })[] {
  const r = random(options.seed ?? 1);
  const towns = options.towns ?? KADOMA_TOWNS;
  const prefix = options.prefix ?? "demo";
  const out: (CompanyInput & { id: string })[] = [];
  for (let i = 1; i <= count; i++) {
    const profile = r.pick(PROFILES);
    const [head, headKana] = r.pick(NAME_HEADS);
    const [tail, tailKana] = r.pick(NAME_TAILS);
    const employeesMin = r.pick([1, 5, 10, 20, 30, 50, 100]);
    const equipment = profile.machines.flatMap(([kind, key, [lo, hi], unit]) => {
      const machines = r.int(1, 2);
      return Array.from({ length: machines }, () => ({
        kind,
        maker: r.pick([
          "アマダ（架空）",
          "コマツ（架空）",
          "オークマ（架空）",
          "ファナック（架空）",
          "ヤマザキ（架空）",
        ]),
        model: `${String.fromCharCode(65 + r.int(0, 25))}${r.int(100, 999)}`,
        count: r.int(1, 3),
        specs: key ? { [key]: `${r.int(lo, hi)}${unit}` } : {},
      }));
    });
    out.push({
      id: `${prefix}-${String(i).padStart(4, "0")}`,
      name: `${head}${tail}${i > NAME_HEADS.length * NAME_TAILS.length ? `第${i}` : ""}（架空）`,
      nameKana: `${headKana}${tailKana}`,
      town: r.pick(towns),
      address: "",
      industryCode: profile.industry,
      employees: employeesMin === 1 ? r.int(1, 4) : `${employeesMin}-${employeesMin * 2 - 1}`,
      founded: r.int(1948, 2020),
      capital: r.int(1, 50) * 1_000_000,
      products: profile.products,
      pr: `${profile.processes[0]}を得意とする架空の企業です。小ロット・短納期に対応します。`,
      lotSizes: r.pick(["1個から", "100〜1,000個", "月産1万個まで", "試作から量産まで"]),
      processes: [...profile.processes],
      materials: [...profile.materials],
      certifications: r.next() < 0.35 ? [{ name: r.pick(CERTIFICATIONS), number: "", expires: null }] : [],
      equipment,
      phone: `06-0000-${String(i % 10_000).padStart(4, "0")}`,
      contactPerson: "担当 太郎（架空）",
      fields: { phone: { visibility: r.next() < 0.2 ? "private" : "public" } },
    });
  }
  return out;
}

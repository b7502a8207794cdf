/**
 * The catalogue of equipment specs: every number is stored in one fixed unit, named in its key
 * (pressForceKn is kN), so ranges compare numbers in SQL whatever unit the firm wrote.
 */
export type SpecUnit = "kN" | "mm" | "rpm" | "kW" | "g" | "A" | "°C";

export interface SpecDefinition {
  key: string;
  unit: SpecUnit;
  /** Japanese label, as the portal shows it. */
  label: string;
  labelEn: string;
  /** Equipment kinds (vocabulary codes) the spec belongs to; the API accepts it on any machine. */
  kinds: readonly string[];
}

const CUTTING = ["machining-center", "nc-lathe", "lathe", "milling-machine", "grinder", "edm"];

export const SPECS: readonly SpecDefinition[] = [
  {
    key: "pressForceKn",
    unit: "kN",
    label: "加圧能力",
    labelEn: "Press force",
    kinds: ["press", "press-brake", "injection-molding"],
  },
  {
    key: "bedWidthMm",
    unit: "mm",
    label: "ベッド幅（左右）",
    labelEn: "Bed width",
    kinds: ["press", "press-brake"],
  },
  { key: "bedDepthMm", unit: "mm", label: "ベッド奥行き", labelEn: "Bed depth", kinds: ["press"] },
  { key: "strokeMm", unit: "mm", label: "ストローク長さ", labelEn: "Stroke", kinds: ["press"] },
  { key: "bendLengthMm", unit: "mm", label: "曲げ長さ", labelEn: "Bending length", kinds: ["press-brake"] },
  { key: "travelXMm", unit: "mm", label: "X軸ストローク", labelEn: "X travel", kinds: CUTTING },
  { key: "travelYMm", unit: "mm", label: "Y軸ストローク", labelEn: "Y travel", kinds: CUTTING },
  { key: "travelZMm", unit: "mm", label: "Z軸ストローク", labelEn: "Z travel", kinds: CUTTING },
  { key: "tableLengthMm", unit: "mm", label: "テーブル長さ", labelEn: "Table length", kinds: CUTTING },
  { key: "tableWidthMm", unit: "mm", label: "テーブル幅", labelEn: "Table width", kinds: CUTTING },
  { key: "spindleRpm", unit: "rpm", label: "主軸最高回転数", labelEn: "Max spindle speed", kinds: CUTTING },
  { key: "spindlePowerKw", unit: "kW", label: "主軸モーター出力", labelEn: "Spindle power", kinds: CUTTING },
  {
    key: "swingDiameterMm",
    unit: "mm",
    label: "ベッド上の振り",
    labelEn: "Swing over bed",
    kinds: ["nc-lathe", "lathe"],
  },
  {
    key: "maxTurningLengthMm",
    unit: "mm",
    label: "最大加工長さ",
    labelEn: "Max turning length",
    kinds: ["nc-lathe", "lathe"],
  },
  {
    key: "maxSheetThicknessMm",
    unit: "mm",
    label: "最大加工板厚",
    labelEn: "Max sheet thickness",
    kinds: ["laser-cutter", "press-brake", "turret-punch", "shearing-machine"],
  },
  {
    key: "maxSheetLengthMm",
    unit: "mm",
    label: "最大加工長さ（板）",
    labelEn: "Max sheet length",
    kinds: ["laser-cutter", "turret-punch", "shearing-machine"],
  },
  {
    key: "maxSheetWidthMm",
    unit: "mm",
    label: "最大加工幅（板）",
    labelEn: "Max sheet width",
    kinds: ["laser-cutter", "turret-punch", "shearing-machine"],
  },
  {
    key: "laserPowerKw",
    unit: "kW",
    label: "レーザー出力",
    labelEn: "Laser power",
    kinds: ["laser-cutter", "laser-welder"],
  },
  {
    key: "weldingCurrentA",
    unit: "A",
    label: "最大溶接電流",
    labelEn: "Max welding current",
    kinds: ["welder"],
  },
  {
    key: "clampForceKn",
    unit: "kN",
    label: "型締力",
    labelEn: "Clamping force",
    kinds: ["injection-molding", "die-casting"],
  },
  {
    key: "shotWeightG",
    unit: "g",
    label: "最大ショット重量",
    labelEn: "Max shot weight",
    kinds: ["injection-molding"],
  },
  {
    key: "furnaceLengthMm",
    unit: "mm",
    label: "炉内有効長さ",
    labelEn: "Furnace length",
    kinds: ["heat-treatment-furnace"],
  },
  {
    key: "maxTemperatureC",
    unit: "°C",
    label: "最高温度",
    labelEn: "Max temperature",
    kinds: ["heat-treatment-furnace"],
  },
  { key: "liftCapacityKn", unit: "kN", label: "吊り上げ能力", labelEn: "Lift capacity", kinds: ["crane"] },
  { key: "measuringRangeXMm", unit: "mm", label: "測定範囲X", labelEn: "Measuring range X", kinds: ["cmm"] },
];

export const SPEC_BY_KEY: ReadonlyMap<string, SpecDefinition> = new Map(SPECS.map((s) => [s.key, s]));

/** 1 tf (metric ton-force) in kN, as the issue and JIS define it. */
export const KN_PER_TONNE_FORCE = 9.80665;

/** Units a person may write, per stored unit: the factor that turns one of them into the stored unit. */
const UNITS: Record<SpecUnit, Record<string, number>> = {
  kN: {
    kn: 1,
    n: 0.001,
    mn: 1000,
    t: KN_PER_TONNE_FORCE,
    tf: KN_PER_TONNE_FORCE,
    トン: KN_PER_TONNE_FORCE,
    ton: KN_PER_TONNE_FORCE,
    kgf: KN_PER_TONNE_FORCE / 1000,
  },
  mm: { mm: 1, ミリ: 1, cm: 10, m: 1000, メートル: 1000 },
  rpm: { rpm: 1, "min-1": 1, "min^-1": 1, "min⁻¹": 1, "r/min": 1, "回転/分": 1, 回転: 1 },
  kW: { kw: 1, w: 0.001 },
  g: { g: 1, グラム: 1, kg: 1000 },
  A: { a: 1, アンペア: 1 },
  "°C": { "°c": 1, 度: 1, c: 1 },
};

/** Numbers are kept to a thousandth of the unit, so 200 t is 1961.33 kN on every database. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Reads a spec value as people write it and returns it in the spec's unit: full-width digits,
 * thousands separators, a unit or none (then the spec's own unit). Press forces in t are turned
 * into kN with 1 tf = 9.80665 kN.
 *
 * @example
 * parseSpecValue("pressForceKn", "200t") // { ok: true, value: 1961.33 }
 * parseSpecValue("pressForceKn", "２００トン") // { ok: true, value: 1961.33 }
 * parseSpecValue("travelXMm", "1,000mm") // { ok: true, value: 1000 }
 * parseSpecValue("travelXMm", "mm") // { ok: false, error: "has no number …" }
 */
export function parseSpecValue(
  key: string,
  input: string | number,
): { ok: true; value: number } | { ok: false; error: string } {
  const spec = SPEC_BY_KEY.get(key);
  if (!spec) return { ok: false, error: `"${key}" is not a known spec (see docs/companies.md)` };
  if (typeof input === "number") {
    if (!Number.isFinite(input) || input < 0) return { ok: false, error: "must be a number of at least 0" };
    return { ok: true, value: round(input) };
  }
  const text = input
    .normalize("NFKC")
    .trim()
    .replace(/(\d),(?=\d{3}(\D|$))/gu, "$1")
    .replace(/\s+/gu, "");
  const match = /^(\d+(?:\.\d+)?)(.*)$/u.exec(text);
  if (!match) return { ok: false, error: `"${input}" has no number (write it like 200t, 1960kN or 1,000mm)` };
  const unitText = (match[2] ?? "").toLowerCase();
  const factor = unitText === "" ? 1 : UNITS[spec.unit][unitText];
  if (factor === undefined) {
    const known = Object.keys(UNITS[spec.unit]).join(", ");
    return {
      ok: false,
      error: `"${match[2]}" is not a unit of ${spec.label} (${spec.unit}; also accepted: ${known})`,
    };
  }
  return { ok: true, value: round(Number(match[1]) * factor) };
}

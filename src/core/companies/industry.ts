import { readFileSync } from "node:fs";

/**
 * 日本標準産業分類 (JSIC), 第14回改定 (令和5年7月告示), manufacturing only (大分類E, 中分類
 * 09–32 with their 小分類 and 細分類), from data/classifications/jsic-manufacturing.json. The
 * source is cited there and in docs/companies.md.
 */
export interface IndustryClass {
  /** 2 digits (中分類), 3 (小分類) or 4 (細分類). */
  code: string;
  name: string;
  level: "division" | "group" | "class";
  /** The 中分類 and 小分類 above it (empty for a 中分類). */
  parents: string[];
}

interface JsicFile {
  divisions: {
    code: string;
    name: string;
    groups: { code: string; name: string; classes: { code: string; name: string }[] }[];
  }[];
}

let table: Map<string, IndustryClass> | undefined;

function load(): Map<string, IndustryClass> {
  if (table) return table;
  const url = new URL("../../../data/classifications/jsic-manufacturing.json", import.meta.url);
  const file = JSON.parse(readFileSync(url, "utf8")) as JsicFile;
  table = new Map();
  for (const d of file.divisions) {
    table.set(d.code, { code: d.code, name: d.name, level: "division", parents: [] });
    for (const g of d.groups) {
      table.set(g.code, { code: g.code, name: g.name, level: "group", parents: [d.code] });
      for (const c of g.classes)
        table.set(c.code, { code: c.code, name: c.name, level: "class", parents: [d.code, g.code] });
    }
  }
  return table;
}

/**
 * A manufacturing industry code, at any level.
 *
 * @example
 * industryClass("2452")?.name // "金属プレス製品製造業（アルミニウム・同合金を除く）"
 * industryClass("24")?.name // "金属製品製造業"
 */
export function industryClass(code: string): IndustryClass | undefined {
  return load().get(code);
}

/** Every code, in table order (中分類, then its 小分類, then its 細分類). */
export function industryClasses(): IndustryClass[] {
  return [...load().values()];
}

import type { CompanyInput } from "../../core/companies/company.schema.js";
import { validationError, type Issue } from "../../core/errors.js";
import type { Municipality } from "../../core/municipalities/municipality.js";
import type { TableEntry } from "./companies-table.js";

/**
 * gBizINFO (経済産業省's 法人情報 service) answers `GET /v1/hojin/{法人番号}` with
 * `{ "hojin-infos": [ { corporate_number, name, kana, location, capital_stock, employee_number,
 * date_of_establishment, founding_year, representative_name, company_url, business_summary } ] }`.
 * This reads that answer (saved to a file) into prefills: only the values gBizINFO knows change;
 * the rest of a company the registry holds stays as it is.
 */
interface HojinInfo {
  corporate_number?: unknown;
  name?: unknown;
  kana?: unknown;
  location?: unknown;
  capital_stock?: unknown;
  employee_number?: unknown;
  date_of_establishment?: unknown;
  founding_year?: unknown;
  representative_name?: unknown;
  company_url?: unknown;
  business_summary?: unknown;
}

const str = (v: unknown) => (typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "");

/**
 * The 町名 of an address inside the municipality: what follows the prefecture and the city, up to
 * the first digit.
 *
 * @example
 * townOf("大阪府門真市北岸和田２丁目３－４", KADOMA) // "北岸和田"
 */
export function townOf(address: string, m: Municipality): string {
  let rest = address.normalize("NFKC").replace(/\s+/gu, "");
  if (rest.startsWith(m.prefecture)) rest = rest.slice(m.prefecture.length);
  if (rest.startsWith(m.name)) rest = rest.slice(m.name.length);
  else return "";
  return /^([^\d]+?)(?:\d|$)/u.exec(rest)?.[1]?.replace(/(大字|字)/gu, "") ?? "";
}

export function isGbizInfo(data: unknown): boolean {
  return (
    typeof data === "object" &&
    data !== null &&
    Array.isArray((data as Record<string, unknown>)["hojin-infos"])
  );
}

export function readGbizInfo(data: unknown, source: string, municipality: Municipality): TableEntry[] {
  const infos = (data as { "hojin-infos": HojinInfo[] })["hojin-infos"];
  const issues: Issue[] = [];
  const entries: TableEntry[] = [];
  infos.forEach((info, i) => {
    const where = `${source} hojin-infos[${i}]`;
    const address = str(info.location);
    const town = townOf(address, municipality);
    if (!town)
      issues.push({
        path: `${where}.location`,
        message: `「${address}」 is not an address in ${municipality.prefecture}${municipality.name}`,
      });
    const input: CompanyInput = {
      corporateNumber: str(info.corporate_number) || null,
      name: str(info.name),
      town: town || "?",
    };
    if (str(info.kana)) input.nameKana = str(info.kana);
    if (address) input.address = address;
    if (str(info.capital_stock)) input.capital = str(info.capital_stock);
    if (str(info.employee_number)) input.employees = str(info.employee_number);
    const founded = str(info.founding_year) || str(info.date_of_establishment).slice(0, 4);
    if (founded) input.founded = founded;
    if (str(info.representative_name)) input.representative = str(info.representative_name);
    if (str(info.company_url)) input.url = str(info.company_url);
    if (!input.corporateNumber) issues.push({ path: `${where}.corporate_number`, message: "is required" });
    entries.push({ input, where, locate: (path) => `${where}.${path}`, merge: true });
  });
  if (issues.length > 0) throw validationError(issues);
  return entries;
}

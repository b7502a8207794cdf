import type { Company, CompanyInput, FieldName } from "../../core/companies/company.schema.js";
import { FIELD_NAMES } from "../../core/companies/company.schema.js";
import { validationError, type Issue } from "../../core/errors.js";
import { protectCell, unprotectCell } from "../csv/csv-columns.js";
import {
  COMPANY_COLUMNS,
  EQUIPMENT_COLUMNS,
  formatCertification,
  headerKey,
  headerOfField,
  joinList,
  parseCertification,
  privateFieldsOf,
  splitList,
} from "./companies-columns.js";

/** A table as read from a sheet or a CSV file: its name for messages, and rows with their line numbers. */
export interface Table {
  source: string;
  rows: { line: number; cells: string[] }[];
}

/** One company read from the tables, and how to name a place of it in an error. */
export interface TableEntry {
  input: CompanyInput;
  /** "企業.csv row 4" — the prefix of the entry's issue paths. */
  where: string;
  /** A field path of the company (corporateNumber, equipment[1].specs.pressForceKn) → file, row and column. */
  locate: (path: string) => string;
  /** Only the values given change (a gBizINFO prefill); otherwise the entry replaces the company. */
  merge?: boolean;
}

const col = (i: number) => {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** Company → row of the 企業 table (every value as text, formula-like text protected). */
export function companyRow(c: Company): string[] {
  const values: Record<string, string> = {
    id: c.id,
    corporateNumber: c.corporateNumber ?? "",
    name: c.name,
    nameKana: c.nameKana,
    address: c.address,
    town: c.town,
    lat: c.location ? String(c.location.lat) : "",
    lng: c.location ? String(c.location.lng) : "",
    industryCode: c.industryCode ?? "",
    employees: c.employees
      ? c.employees.min === c.employees.max
        ? String(c.employees.min)
        : `${c.employees.min}-${c.employees.max}`
      : "",
    founded: c.founded === null ? "" : String(c.founded),
    capital: c.capital === null ? "" : String(c.capital),
    representative: c.representative,
    url: c.url,
    products: c.products,
    pr: c.pr,
    lotSizes: c.lotSizes,
    processes: joinList(c.processes),
    materials: joinList(c.materials),
    certifications: joinList(c.certifications.map(formatCertification)),
    phone: c.phone,
    fax: c.fax,
    email: c.email,
    contactPerson: c.contactPerson,
    notes: c.notes,
    listed: c.listed ? "はい" : "いいえ",
    private: joinList(privateFieldsOf(c).map((f) => headerOfField(f) ?? f)),
  };
  return COMPANY_COLUMNS.map((k) => protectCell(values[k.key] ?? ""));
}

export function equipmentRows(c: Company): string[][] {
  return c.equipment.map((m) =>
    EQUIPMENT_COLUMNS.map((k) => {
      if (k.key.startsWith("spec:")) {
        const v = m.specs[k.key.slice(5)];
        return v === undefined ? "" : String(v);
      }
      const values: Record<string, string> = {
        companyId: c.id,
        corporateNumber: c.corporateNumber ?? "",
        kind: m.kind,
        maker: m.maker,
        model: m.model,
        count: String(m.count),
      };
      return protectCell(values[k.key] ?? "");
    }),
  );
}

const ERROR_CELL = /^#(N\/A|VALUE!|REF!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!)$/u;
const EXPONENT = /^\d+(\.\d+)?e\+\d+$/iu;

/** Header row → column index per key; unknown or repeated headers are refused by column. */
function mapHeaders(
  table: Table,
  columns: readonly { key: string; header: string }[],
  required: string[],
  issues: Issue[],
) {
  const header = table.rows[0];
  const index = new Map<string, number>();
  if (!header) {
    issues.push({ path: table.source, message: "is empty (the first row must hold the column headers)" });
    return index;
  }
  const byHeader = new Map<string, string>();
  for (const c of columns) {
    byHeader.set(headerKey(c.header), c.key);
    byHeader.set(headerKey(c.key.replace(/^spec:/, "")), c.key);
    byHeader.set(headerKey(c.header.replace(/（.*）$/u, "")), c.key);
  }
  header.cells.forEach((text, i) => {
    if (text.trim() === "") return;
    const key = byHeader.get(headerKey(text));
    const at = `${table.source} row ${header.line}, column ${col(i)}`;
    if (!key) issues.push({ path: at, message: `「${text}」 is not a known column (see the template)` });
    else if (index.has(key)) issues.push({ path: at, message: `「${text}」 appears twice` });
    else index.set(key, i);
  });
  for (const key of required)
    if (!index.has(key))
      issues.push({
        path: `${table.source} row ${header.line}`,
        message: `the column 「${columns.find((c) => c.key === key)?.header}」 is missing`,
      });
  return index;
}

/** Cells a spreadsheet program changed on its own: exponent numbers, error values, lost leading zeros. */
function mangled(key: string, value: string): string | null {
  if (ERROR_CELL.test(value)) return `holds the spreadsheet error ${value}; type the value`;
  if (key === "corporateNumber" && EXPONENT.test(value))
    return `was turned into a number by a spreadsheet program (${value}); format the column as text and type the 13 digits`;
  if (key === "industryCode" && /^9\d{0,2}$/u.test(value))
    return `lost its leading 0 (${value} for 0${value}?); format the column as text`;
  if ((key === "phone" || key === "fax") && /^[1-9]\d{8,9}$/u.test(value))
    return `looks like a number that lost its leading 0 (${value}); format the column as text`;
  return null;
}

/**
 * Reads the city's list (the 企業 table and, when given, the 設備 table) into company inputs,
 * refusing headers it does not know and cells a spreadsheet program mangled, by row and column.
 */
export function readCompanyTables(companies: Table, equipment: Table | undefined): TableEntry[] {
  const issues: Issue[] = [];
  const ci = mapHeaders(companies, COMPANY_COLUMNS, ["name", "town"], issues);
  const ei = equipment
    ? mapHeaders(equipment, EQUIPMENT_COLUMNS, ["kind"], issues)
    : new Map<string, number>();
  if (issues.length > 0) throw validationError(issues);

  const entries: (TableEntry & { line: number; machines: number[] })[] = [];
  for (const row of companies.rows.slice(1)) {
    if (row.cells.every((c) => c.trim() === "")) continue;
    const where = `${companies.source} row ${row.line}`;
    const cell = (key: string) => {
      const i = ci.get(key);
      const raw = i === undefined ? "" : unprotectCell((row.cells[i] ?? "").trim());
      const problem = raw === "" ? null : mangled(key, raw);
      if (problem)
        issues.push({
          path: `${where}, column ${col(i!)} (${COMPANY_COLUMNS.find((c) => c.key === key)?.header})`,
          message: problem,
        });
      return problem ? "" : raw;
    };
    const privateFields = splitList(cell("private")).map((h) => {
      const column = COMPANY_COLUMNS.find((c) => headerKey(c.header) === headerKey(h) || c.key === h);
      const field = column?.key === "lat" || column?.key === "lng" ? "location" : column?.key;
      if (!field || !(FIELD_NAMES as readonly string[]).includes(field)) {
        issues.push({
          path: `${where}, column ${col(ci.get("private")!)} (非公開項目)`,
          message: `「${h}」 is not a column that can be private`,
        });
        return null;
      }
      return field as FieldName;
    });
    const lat = cell("lat");
    const lng = cell("lng");
    const listed = cell("listed");
    const input: CompanyInput = {
      ...(cell("id") ? { id: cell("id") } : {}),
      corporateNumber: cell("corporateNumber") || null,
      name: cell("name"),
      nameKana: cell("nameKana"),
      address: cell("address"),
      town: cell("town"),
      location: lat && lng ? { lat: Number(lat), lng: Number(lng) } : null,
      industryCode: cell("industryCode") || null,
      employees: cell("employees") || null,
      founded: cell("founded") || null,
      capital: cell("capital") || null,
      representative: cell("representative"),
      url: cell("url"),
      products: cell("products"),
      pr: cell("pr"),
      lotSizes: cell("lotSizes"),
      processes: splitList(cell("processes")),
      materials: splitList(cell("materials")),
      certifications: splitList(cell("certifications")).map(parseCertification),
      equipment: [],
      phone: cell("phone"),
      fax: cell("fax"),
      email: cell("email"),
      contactPerson: cell("contactPerson"),
      notes: cell("notes"),
      listed: listed === "" ? true : !/^(いいえ|no|false|0|×|非掲載)$/iu.test(listed),
      fields: Object.fromEntries(
        FIELD_NAMES.map((f) => [
          f,
          { visibility: privateFields.includes(f) ? ("private" as const) : ("public" as const) },
        ]),
      ),
    };
    // The city's notes are never public, listed or not.
    input.fields!.notes = { visibility: "private" };
    if (
      (lat === "") !== (lng === "") ||
      (lat !== "" && (Number.isNaN(Number(lat)) || Number.isNaN(Number(lng))))
    )
      issues.push({
        path: `${where}, column ${col(ci.get("lat") ?? 0)} (緯度)`,
        message: "give both 緯度 and 経度 as numbers, or neither",
      });
    const header = (field: string) => headerOfField(field);
    entries.push({
      input,
      where,
      line: row.line,
      machines: [],
      locate: (path) => {
        const field = path.replace(/[.[].*$/u, "");
        const h = header(field);
        const i = ci.get(field === "location" ? "lat" : field);
        return h && i !== undefined ? `${where}, column ${col(i)} (${h})` : `${where} (${path})`;
      },
    });
  }

  if (equipment) {
    for (const row of equipment.rows.slice(1)) {
      if (row.cells.every((c) => c.trim() === "")) continue;
      const where = `${equipment.source} row ${row.line}`;
      const cell = (key: string) => {
        const i = ei.get(key);
        const raw = i === undefined ? "" : unprotectCell((row.cells[i] ?? "").trim());
        const problem = raw === "" ? null : mangled(key, raw);
        if (problem) issues.push({ path: `${where}, column ${col(i!)}`, message: problem });
        return problem ? "" : raw;
      };
      const id = cell("companyId");
      const number = cell("corporateNumber");
      const owner = entries.find(
        (e) =>
          (id !== "" && e.input.id === id) ||
          (id === "" && number !== "" && e.input.corporateNumber === number),
      );
      if (!owner) {
        issues.push({
          path: `${where}, column ${col(ei.get(id !== "" ? "companyId" : "corporateNumber") ?? 0)}`,
          message:
            id || number
              ? `no company 「${id || number}」 in ${companies.source}`
              : "name the company (企業ID or 法人番号)",
        });
        continue;
      }
      const specs: Record<string, string> = {};
      for (const [key, i] of ei)
        if (key.startsWith("spec:") && (row.cells[i] ?? "").trim() !== "") specs[key.slice(5)] = cell(key);
      const count = cell("count");
      if (count !== "" && !/^[1-9]\d{0,4}$/u.test(count.normalize("NFKC")))
        issues.push({
          path: `${where}, column ${col(ei.get("count")!)} (台数)`,
          message: `「${count}」 is not a whole number of machines`,
        });
      owner.input.equipment!.push({
        kind: cell("kind"),
        maker: cell("maker"),
        model: cell("model"),
        count:
          count === "" || !/^[1-9]\d{0,4}$/u.test(count.normalize("NFKC"))
            ? 1
            : Number(count.normalize("NFKC")),
        specs,
      });
      const machine = owner.machines.length;
      owner.machines.push(row.line);
      const before = owner.locate;
      owner.locate = (path) => {
        const m = /^equipment\[(\d+)\](?:\.(?:specs\.)?(\w+))?/u.exec(path);
        if (!m || Number(m[1]) !== machine) return before(path);
        const key =
          m[2] && EQUIPMENT_COLUMNS.some((c) => c.key === `spec:${m[2]}`) ? `spec:${m[2]}` : (m[2] ?? "kind");
        const i = ei.get(key);
        return `${where}, column ${i === undefined ? "?" : col(i)} (${EQUIPMENT_COLUMNS.find((c) => c.key === key)?.header ?? key})`;
      };
    }
  }
  if (issues.length > 0) throw validationError(issues);
  return entries;
}

import ExcelJS from "exceljs";
import type { Company } from "../../core/companies/company.schema.js";
import { publicView, type Audience } from "../../core/companies/company.visibility.js";
import { SPECS } from "../../core/companies/specs.js";
import { SEED_VOCABULARY } from "../../core/companies/vocabulary.seed.js";
import { DomainError } from "../../core/errors.js";
import { readCsv, writeCsv } from "../csv/csv-codec.js";
import { decodeText, encodeText, type TextEncoding } from "../text/text-encoding.js";
import { readWorkbook } from "../xlsx/xlsx-read.js";
import { fixZipTimes } from "../zip/zip-times.js";
import { COMPANY_COLUMNS, COMPANY_SHEET, EQUIPMENT_COLUMNS, EQUIPMENT_SHEET } from "./companies-columns.js";
import {
  companyRow,
  equipmentRows,
  readCompanyTables,
  type Table,
  type TableEntry,
} from "./companies-table.js";

/** The company as a file for `audience` holds it: private values blank for the public. */
function forAudience(c: Company, audience: Audience): Company {
  if (audience === "staff") return c;
  const pub = publicView(c);
  const blank: Company = {
    ...c,
    corporateNumber: null,
    nameKana: "",
    address: "",
    location: null,
    industryCode: null,
    employees: null,
    founded: null,
    capital: null,
    representative: "",
    url: "",
    products: "",
    pr: "",
    lotSizes: "",
    processes: [],
    materials: [],
    certifications: [],
    equipment: [],
    phone: "",
    fax: "",
    email: "",
    contactPerson: "",
    notes: "",
  };
  return { ...blank, ...pub, fields: {} };
}

function tables(companies: readonly Company[], audience: Audience) {
  const chosen = [...companies]
    .filter((c) => audience === "staff" || c.listed)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => forAudience(c, audience));
  return {
    companies: [COMPANY_COLUMNS.map<string>((c) => c.header), ...chosen.map(companyRow)],
    equipment: [EQUIPMENT_COLUMNS.map<string>((c) => c.header), ...chosen.flatMap(equipmentRows)],
  };
}

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/** The two CSV files (companies, equipment); UTF-8 with a BOM (Excel opens it right) or CP932. */
export function writeCompaniesCsv(
  companies: readonly Company[],
  audience: Audience,
  encoding: TextEncoding = "utf8",
) {
  const t = tables(companies, audience);
  const encode = (rows: string[][]) => {
    const body = encodeText(writeCsv(rows), encoding);
    return encoding === "utf8" ? new Uint8Array([...BOM, ...body]) : body;
  };
  return { companies: encode(t.companies), equipment: encode(t.equipment) };
}

function csvTable(bytes: Uint8Array, source: string): Table {
  const { text } = decodeText(bytes, source);
  try {
    return { source, rows: readCsv(text.replace(/^\uFEFF/u, "")) };
  } catch (error) {
    const line = (error as { line?: number }).line;
    throw new DomainError("validation_failed", `${source}: ${(error as Error).message}`, [
      { path: line ? `${source} row ${line}` : source, message: (error as Error).message },
    ]);
  }
}

/** Reads the city's CSV files (UTF-8 with or without BOM, or CP932, detected). */
export function readCompaniesCsv(
  companies: { bytes: Uint8Array; name: string },
  equipment?: { bytes: Uint8Array; name: string },
): TableEntry[] {
  return readCompanyTables(
    csvTable(companies.bytes, companies.name),
    equipment ? csvTable(equipment.bytes, equipment.name) : undefined,
  );
}

function addSheet(book: ExcelJS.Workbook, name: string, rows: string[][]) {
  const sheet = book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  for (const cells of rows) sheet.addRow(cells);
  sheet.getRow(1).font = { bold: true };
  // Text format keeps 法人番号 and codes with leading zeros as typed when the city edits the sheet.
  sheet.columns.forEach((c) => {
    c.numFmt = "@";
    c.width = 16;
  });
}

async function finish(book: ExcelJS.Workbook, when: Date): Promise<Uint8Array> {
  book.creator = "shinko";
  book.created = when;
  book.modified = when;
  const buffer = await book.xlsx.writeBuffer();
  return fixZipTimes(new Uint8Array(buffer), when);
}

/** The workbook: sheet 企業 and sheet 設備. Same registry, same bytes (dates from the data). */
export async function writeCompaniesXlsx(
  companies: readonly Company[],
  audience: Audience,
): Promise<Uint8Array> {
  const t = tables(companies, audience);
  const book = new ExcelJS.Workbook();
  addSheet(book, COMPANY_SHEET, t.companies);
  addSheet(book, EQUIPMENT_SHEET, t.equipment);
  const latest = companies.reduce(
    (max, c) => (c.updatedAt > max ? c.updatedAt : max),
    "2024-01-01T00:00:00.000Z",
  );
  return finish(book, new Date(`${latest.slice(0, 10)}T00:00:00Z`));
}

/** An empty workbook to fill in, with a sheet 説明 that lists the columns and the vocabulary. */
export async function companiesTemplateXlsx(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  addSheet(book, COMPANY_SHEET, [COMPANY_COLUMNS.map((c) => c.header)]);
  addSheet(book, EQUIPMENT_SHEET, [EQUIPMENT_COLUMNS.map((c) => c.header)]);
  const help: string[][] = [
    ["項目", "説明"],
    ["企業名・町名", "必須。町名は市内の町名（例: 北岸和田）"],
    ["法人番号", "13桁（チェックディジットを確認します）。個人事業主は空欄"],
    ["産業分類コード", "日本標準産業分類（第14回改定）の製造業コード 2〜4桁（例: 2452）。セルは文字列のまま"],
    ["従業員数", "25 または 20-49"],
    ["加工・材質・認証", "複数は「; 」で区切る。認証の番号と有効期限は「ISO 9001（JQA-1234, 2027-03-31）」"],
    ["非公開項目", "公開しない列の見出しを「; 」で区切る（例: 電話; 担当者）。市のメモは常に非公開"],
    [
      "設備",
      "1行1台（同型複数は台数）。企業IDまたは法人番号で企業を指定。数値は 200t, 1960kN, 1,000mm のように単位付きでも可",
    ],
    ["加工（一覧）", SEED_VOCABULARY.process.map((t) => t.name).join("、")],
    ["材質（一覧）", SEED_VOCABULARY.material.map((t) => t.name).join("、")],
    ["設備（一覧）", SEED_VOCABULARY.equipment.map((t) => t.name).join("、")],
    ["認証（一覧）", SEED_VOCABULARY.certification.map((t) => t.name).join("、")],
    ...SPECS.map((s) => [`${s.label}（${s.unit}）`, `キー ${s.key}`]),
  ];
  addSheet(book, "説明", help);
  return finish(book, new Date("2025-04-01T00:00:00Z"));
}

/** Reads the city's workbook: sheet 企業 (or the first sheet) and sheet 設備 when present. */
export async function readCompaniesXlsx(bytes: Uint8Array, source: string): Promise<TableEntry[]> {
  const sheets = await readWorkbook(bytes, source);
  const asTable = (name: string, cells: string[][]): Table => ({
    source: `${source} sheet ${name}`,
    rows: cells.map((c, i) => ({ line: i + 1, cells: c })),
  });
  const companies = sheets.find((s) => s.grid.name === COMPANY_SHEET) ?? sheets[0];
  if (!companies)
    throw new DomainError("validation_failed", `${source} has no sheet`, [
      { path: source, message: "has no sheet" },
    ]);
  const equipment = sheets.find((s) => s.grid.name === EQUIPMENT_SHEET);
  return readCompanyTables(
    asTable(companies.grid.name, companies.grid.cells),
    equipment ? asTable(equipment.grid.name, equipment.grid.cells) : undefined,
  );
}

import type { Certification, Company, FieldName } from "../../core/companies/company.schema.js";
import { SPECS } from "../../core/companies/specs.js";

/**
 * The Japanese columns of the city's list (xlsx sheet 企業 / CSV file), in order. Every column but
 * the name and the town may be left out of a file; headers are matched by name, width ignored.
 */
export const COMPANY_COLUMNS = [
  { key: "id", header: "ID" },
  { key: "corporateNumber", header: "法人番号" },
  { key: "name", header: "企業名" },
  { key: "nameKana", header: "企業名カナ" },
  { key: "address", header: "所在地" },
  { key: "town", header: "町名" },
  { key: "lat", header: "緯度" },
  { key: "lng", header: "経度" },
  { key: "industryCode", header: "産業分類コード" },
  { key: "employees", header: "従業員数" },
  { key: "founded", header: "創業年" },
  { key: "capital", header: "資本金（円）" },
  { key: "representative", header: "代表者" },
  { key: "url", header: "URL" },
  { key: "products", header: "主な製品" },
  { key: "pr", header: "PR" },
  { key: "lotSizes", header: "対応ロット" },
  { key: "processes", header: "加工" },
  { key: "materials", header: "材質" },
  { key: "certifications", header: "認証" },
  { key: "phone", header: "電話" },
  { key: "fax", header: "FAX" },
  { key: "email", header: "メール" },
  { key: "contactPerson", header: "担当者" },
  { key: "notes", header: "市のメモ" },
  { key: "listed", header: "ポータル掲載" },
  { key: "private", header: "非公開項目" },
] as const;
export type CompanyColumn = (typeof COMPANY_COLUMNS)[number]["key"];

/** The equipment sheet / file: one machine a row, its company by ID (or 法人番号), one column per spec. */
export const EQUIPMENT_COLUMNS = [
  { key: "companyId", header: "企業ID" },
  { key: "corporateNumber", header: "法人番号" },
  { key: "kind", header: "設備" },
  { key: "maker", header: "メーカー" },
  { key: "model", header: "型式" },
  { key: "count", header: "台数" },
  ...SPECS.map((s) => ({ key: `spec:${s.key}`, header: `${s.label}（${s.unit}）` })),
] as const;

export const COMPANY_SHEET = "企業";
export const EQUIPMENT_SHEET = "設備";

/** Headers as people retype them: width, spaces and the unit's brackets ignored. */
export function headerKey(text: string): string {
  return text.normalize("NFKC").replace(/\s+/gu, "").toLowerCase();
}

/** Lists inside one cell: 「プレス加工; 溶接」 (semicolons, 、 or line breaks). */
export const LIST_SEPARATOR = /[;；、\n]+/u;
export const joinList = (items: readonly string[]) => items.join("; ");
export const splitList = (cell: string) =>
  cell
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== "");

/** 「ISO 9001（JQA-1234, 2027-03-31）」 ↔ { name, number, expires }. */
export function formatCertification(c: Certification): string {
  const extra = [c.number, c.expires ?? ""].filter((s) => s !== "");
  return extra.length > 0 ? `${c.name}（${extra.join(", ")}）` : c.name;
}

export function parseCertification(text: string): { name: string; number?: string; expires?: string | null } {
  const m = /^(.*?)[（(]([^）)]*)[）)]$/u.exec(text.trim());
  if (!m) return { name: text.trim() };
  const parts = m[2]!.split(/[,，]/u).map((s) => s.trim());
  const date = parts.find((p) => /^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/.test(p));
  const number = parts.filter((p) => p !== date).join(", ");
  const expires = date ? date.replace(/\//g, "-").replace(/-(\d)(?=-|$)/g, "-0$1") : null;
  return { name: m[1]!.trim(), number, expires };
}

/** The header of a company field, for error messages that name the column. */
export function headerOfField(field: string): string | undefined {
  if (field === "location") return "緯度";
  return COMPANY_COLUMNS.find((c) => c.key === field)?.header;
}

/** Which fields a 非公開項目 cell names (by header or field name). */
export function privateFieldsOf(c: Company): FieldName[] {
  return Object.entries(c.fields)
    .filter(([, m]) => m.visibility === "private")
    .map(([f]) => f as FieldName);
}

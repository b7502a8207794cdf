import type { Issue } from "../errors.js";
import { validationError } from "../errors.js";
import { parseCorporateNumber } from "./corporate-number.js";
import {
  ALWAYS_PRIVATE,
  ALWAYS_PUBLIC,
  FIELD_NAMES,
  PRIVATE_BY_DEFAULT,
  type Company,
  type CompanyInput,
  type Employees,
  type FieldMeta,
  type FieldName,
  type Supplier,
} from "./company.schema.js";
import { industryClass } from "./industry.js";
import { parseSpecValue, SPEC_BY_KEY } from "./specs.js";
import type { Vocabulary } from "./vocabulary.js";

export interface BuildOptions {
  id: string;
  municipalityCode: string;
  vocab: Vocabulary;
  now: string;
  /** Who supplies the values: the city (verified as it writes) or the firm (unverified until the city looks). */
  supplier: Supplier;
  /** The stored company this input replaces, so unchanged fields keep their provenance. */
  previous?: Company | undefined;
  /** Prefix of every issue's path: `companies[3]` for a file, `body` for the API. */
  path?: string;
}

const digitsOnly = (v: string | number) =>
  String(v)
    .normalize("NFKC")
    .replace(/[,，\s]/gu, "");

/**
 * Reads an employee count as people write it: 25, "25人", "20-49", "20〜49人".
 *
 * @example
 * parseEmployees("20〜49人") // { min: 20, max: 49 }
 */
export function parseEmployees(value: string | number | Employees): Employees | string {
  if (typeof value === "object") return value.min <= value.max ? value : "min must not exceed max";
  const t = digitsOnly(value).replace(/[人名]/gu, "");
  const range = /^(\d+)[-~〜～–―ー](\d+)$/u.exec(t);
  if (range) {
    const min = Number(range[1]);
    const max = Number(range[2]);
    return min <= max ? { min, max } : "the first number must not exceed the second";
  }
  if (/^\d+$/u.test(t)) return { min: Number(t), max: Number(t) };
  return `"${value}" is not a number of employees (write 25 or 20-49)`;
}

/**
 * Reads an amount of yen: 10000000, "1,000万円", "1億2000万".
 *
 * @example
 * parseYen("1億2000万円") // 120000000
 */
export function parseYen(value: string | number): number | string {
  const t = digitsOnly(value).replace(/円$/u, "");
  if (/^\d+$/u.test(t)) return Number(t);
  const m = /^(?:(\d+(?:\.\d+)?)億)?(?:(\d+(?:\.\d+)?)万)?(?:(\d+)千)?$/u.exec(t);
  if (m && t !== "")
    return Math.round(Number(m[1] ?? 0) * 1e8 + Number(m[2] ?? 0) * 1e4 + Number(m[3] ?? 0) * 1e3);
  return `"${value}" is not an amount of yen (write 10000000 or 1,000万円)`;
}

function parseYear(value: string | number): number | string {
  const m = /^(\d{4})(?:[-/年].*)?$/u.exec(digitsOnly(value));
  const year = m ? Number(m[1]) : NaN;
  return year >= 1600 && year <= 2200 ? year : `"${value}" is not a year (write 1965)`;
}

const isoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

function metaFor(
  field: FieldName,
  changed: boolean,
  input: CompanyInput,
  options: BuildOptions,
  issues: Issue[],
  at: (p: string) => string,
): FieldMeta {
  const given = input.fields?.[field];
  const prev = options.previous?.fields[field];
  let visibility =
    given?.visibility ?? prev?.visibility ?? (PRIVATE_BY_DEFAULT.includes(field) ? "private" : "public");
  if (ALWAYS_PUBLIC.includes(field) && visibility === "private") {
    issues.push({ path: at(`fields.${field}.visibility`), message: "is always public" });
    visibility = "public";
  }
  if (ALWAYS_PRIVATE.includes(field) && visibility === "public") {
    issues.push({
      path: at(`fields.${field}.visibility`),
      message: "is always private (the city's own notes)",
    });
    visibility = "private";
  }
  // Only the city (and its files) may state a source or a verification; a firm's value is its own and unverified.
  const city = options.supplier === "city";
  const source = (city ? given?.source : undefined) ?? (changed || !prev ? options.supplier : prev.source);
  const updatedAt =
    (city ? given?.updatedAt : undefined) ?? (changed || !prev ? options.now : prev.updatedAt);
  const verifiedAt =
    city && given?.verifiedAt !== undefined
      ? given.verifiedAt
      : changed || !prev
        ? city
          ? options.now
          : null
        : prev.verifiedAt;
  return { visibility, source, updatedAt, verifiedAt };
}

/**
 * Turns what a caller sent into the stored company: resolves vocabulary names, converts spec
 * values to their units, checks the 法人番号 and the industry code, and keeps (or renews) each
 * field's provenance. Throws one validation error listing every problem with its path.
 */
export function buildCompany(input: CompanyInput, options: BuildOptions): Company {
  const issues: Issue[] = [];
  const at = (p: string) => (options.path ? `${options.path}.${p}` : p);
  const { vocab } = options;

  let corporateNumber: string | null = null;
  if (
    input.corporateNumber !== undefined &&
    input.corporateNumber !== null &&
    String(input.corporateNumber).trim() !== ""
  ) {
    const parsed = parseCorporateNumber(String(input.corporateNumber));
    if (parsed.ok) corporateNumber = parsed.value;
    else issues.push({ path: at("corporateNumber"), message: parsed.error });
  }

  let industryCode: string | null = null;
  if (
    input.industryCode !== undefined &&
    input.industryCode !== null &&
    String(input.industryCode).trim() !== ""
  ) {
    const code = digitsOnly(input.industryCode).padStart(
      String(input.industryCode).trim().length === 1 ? 2 : 0,
      "0",
    );
    if (industryClass(code)) industryCode = code;
    else
      issues.push({
        path: at("industryCode"),
        message: `"${input.industryCode}" is not a manufacturing code of 日本標準産業分類 (09–32, 2 to 4 digits)`,
      });
  }

  const optional = <T>(
    value: string | number | null | undefined,
    parse: (v: string | number) => T | string,
    field: string,
  ): T | null => {
    if (value === undefined || value === null || String(value).trim() === "") return null;
    const r = parse(value);
    if (typeof r === "string") {
      issues.push({ path: at(field), message: r });
      return null;
    }
    return r;
  };
  const employees =
    input.employees === undefined || input.employees === null || input.employees === ""
      ? null
      : (() => {
          const r = parseEmployees(input.employees);
          if (typeof r === "string") {
            issues.push({ path: at("employees"), message: r });
            return null;
          }
          return r;
        })();
  const founded = optional(input.founded, parseYear, "founded");
  const capital = optional(input.capital, parseYen, "capital");

  const terms = (kind: "process" | "material", list: string[] | undefined, field: string) => {
    const out: string[] = [];
    (list ?? []).forEach((name, i) => {
      const term = vocab.resolve(kind, name);
      if (!term)
        issues.push({
          path: at(`${field}[${i}]`),
          message: `"${name}" is not a known ${kind} (see GET /api/v1/companies/vocabulary)`,
        });
      else if (!out.includes(term.name)) out.push(term.name);
    });
    return out;
  };
  const processes = terms("process", input.processes, "processes");
  const materials = terms("material", input.materials, "materials");

  const certifications = (input.certifications ?? []).flatMap((c, i) => {
    const entry = typeof c === "string" ? { name: c } : c;
    const term = vocab.resolve("certification", entry.name);
    if (!term) {
      issues.push({
        path: at(`certifications[${i}].name`),
        message: `"${entry.name}" is not a known certification`,
      });
      return [];
    }
    const expires = entry.expires ? entry.expires.trim() : null;
    if (expires && !isoDate(expires))
      issues.push({ path: at(`certifications[${i}].expires`), message: "must be a date (YYYY-MM-DD)" });
    return [{ name: term.name, number: (entry.number ?? "").trim(), expires: expires || null }];
  });

  const equipment = (input.equipment ?? []).flatMap((m, i) => {
    const kind = vocab.resolve("equipment", m.kind);
    if (!kind)
      issues.push({ path: at(`equipment[${i}].kind`), message: `"${m.kind}" is not a known equipment kind` });
    const specs: Record<string, number> = {};
    for (const [key, value] of Object.entries(m.specs ?? {})) {
      if (!SPEC_BY_KEY.has(key)) {
        issues.push({
          path: at(`equipment[${i}].specs.${key}`),
          message: `"${key}" is not a known spec (see docs/companies.md)`,
        });
        continue;
      }
      const parsed = parseSpecValue(key, value);
      if (parsed.ok) specs[key] = parsed.value;
      else issues.push({ path: at(`equipment[${i}].specs.${key}`), message: parsed.error });
    }
    if (!kind) return [];
    const sorted = Object.fromEntries(Object.entries(specs).sort(([a], [b]) => (a < b ? -1 : 1)));
    return [
      {
        kind: kind.name,
        maker: (m.maker ?? "").trim(),
        model: (m.model ?? "").trim(),
        count: m.count ?? 1,
        specs: sorted,
      },
    ];
  });

  for (const key of Object.keys(input.fields ?? {}))
    if (!(FIELD_NAMES as readonly string[]).includes(key))
      issues.push({ path: at(`fields.${key}`), message: "is not a field of a company" });

  const values = {
    corporateNumber,
    name: input.name.trim(),
    nameKana: (input.nameKana ?? "").trim(),
    address: (input.address ?? "").trim(),
    town: input.town.trim(),
    location: input.location ?? null,
    industryCode,
    employees,
    founded,
    capital,
    representative: (input.representative ?? "").trim(),
    url: (input.url ?? "").trim(),
    products: (input.products ?? "").trim(),
    pr: (input.pr ?? "").trim(),
    lotSizes: (input.lotSizes ?? "").trim(),
    processes,
    materials,
    certifications,
    equipment,
    phone: (input.phone ?? "").trim(),
    fax: (input.fax ?? "").trim(),
    email: (input.email ?? "").trim(),
    contactPerson: (input.contactPerson ?? "").trim(),
    notes: (input.notes ?? "").trim(),
  } satisfies Record<FieldName, unknown>;
  if (values.url !== "" && !/^https?:\/\/\S+$/u.test(values.url))
    issues.push({ path: at("url"), message: "must start with http:// or https://" });
  if (values.email !== "" && !/^[^\s@]+@[^\s@]+$/u.test(values.email))
    issues.push({ path: at("email"), message: "is not an e-mail address" });

  const fields: Record<string, FieldMeta> = {};
  for (const f of FIELD_NAMES) {
    const changed = !options.previous || JSON.stringify(options.previous[f]) !== JSON.stringify(values[f]);
    fields[f] = metaFor(f, changed, input, options, issues, at);
  }
  if (issues.length > 0) throw validationError(issues);
  const prev = options.previous;
  return {
    id: options.id,
    municipalityCode: options.municipalityCode,
    ...values,
    listed: input.listed ?? prev?.listed ?? true,
    fields,
    version: (prev?.version ?? 0) + 1,
    createdAt: prev?.createdAt ?? options.now,
    updatedAt: options.now,
  };
}

/** The input that recreates a stored company (to edit one field and send the rest back). */
export function companyToInput(c: Company): CompanyInput {
  return {
    id: c.id,
    corporateNumber: c.corporateNumber,
    name: c.name,
    nameKana: c.nameKana,
    address: c.address,
    town: c.town,
    location: c.location,
    industryCode: c.industryCode,
    employees: c.employees,
    founded: c.founded,
    capital: c.capital,
    representative: c.representative,
    url: c.url,
    products: c.products,
    pr: c.pr,
    lotSizes: c.lotSizes,
    processes: c.processes,
    materials: c.materials,
    certifications: c.certifications,
    equipment: c.equipment,
    phone: c.phone,
    fax: c.fax,
    email: c.email,
    contactPerson: c.contactPerson,
    notes: c.notes,
    listed: c.listed,
    fields: Object.fromEntries(Object.entries(c.fields).map(([k, m]) => [k, { visibility: m.visibility }])),
  };
}

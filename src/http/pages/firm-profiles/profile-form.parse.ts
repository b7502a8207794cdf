import {
  ALWAYS_PRIVATE,
  ALWAYS_PUBLIC,
  FIELD_NAMES,
  type Company,
  type CompanyInput,
  type FieldName,
} from "../../../core/companies/company.schema.js";
import { SPECS } from "../../../core/companies/specs.js";
import type { Issue } from "../../../core/errors.js";
import type { ProfilesMessages } from "./profiles.ja.js";

/** A form body: one value a string, a repeated field's values an array (see parseFormBody). */
export type FormBody = Record<string, string | string[] | undefined>;

/** The form's text fields: the firm's basics, then how to reach it (each group a fieldset). */
export const BASIC_FIELDS = [
  "name",
  "nameKana",
  "corporateNumber",
  "address",
  "town",
  "industryCode",
  "employees",
  "founded",
  "capital",
  "representative",
  "url",
  "products",
  "pr",
  "lotSizes",
] as const satisfies readonly FieldName[];
export const CONTACT_FIELDS = [
  "phone",
  "fax",
  "email",
  "contactPerson",
] as const satisfies readonly FieldName[];
export const TEXT_FIELDS = [...BASIC_FIELDS, ...CONTACT_FIELDS] as const;

/** Fields whose visibility the form lets one choose (name and town are always public, notes never). */
export const VISIBILITY_FIELDS: readonly FieldName[] = FIELD_NAMES.filter(
  (f) => !ALWAYS_PUBLIC.includes(f) && !ALWAYS_PRIVATE.includes(f) && f !== "location",
);

/** Empty rows the form offers after the filled ones. */
export const EXTRA_MACHINES = 2;
export const EXTRA_CERTIFICATIONS = 1;

const one = (body: FormBody, key: string): string => {
  const v = body[key];
  return (Array.isArray(v) ? (v.at(-1) ?? "") : (v ?? "")).trim();
};
const all = (body: FormBody, key: string): string[] => {
  const v = body[key];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((s) => s.trim() !== "");
};
const rowCount = (body: FormBody, prefix: string) => {
  let n = 0;
  for (const key of Object.keys(body)) {
    const m = new RegExp(`^${prefix}-(\\d{1,3})-`).exec(key);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return Math.min(n, 500);
};

const normal = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[（(].*?[）)]/gu, "")
    .replace(/\s+/gu, "");

/** The spec a person named: its key, its Japanese or English label (the part before brackets too). */
function specKeyOf(name: string): string | undefined {
  const n = normal(name);
  return SPECS.find((s) => normal(s.key) === n || normal(s.label) === n || normal(s.labelEn) === n)?.key;
}

/**
 * Reads "加圧能力 200t、ベッド幅 1,500mm" into { pressForceKn: "200t", bedWidthMm: "1,500mm" }:
 * items split at 、 ; ； or line ends (not at commas, which sit inside numbers), each a name and a
 * value with its unit, separated by spaces, = or :. The values are converted by the core.
 */
export function readSpecs(
  text: string,
  p: ProfilesMessages,
): { specs: Record<string, string>; problems: string[] } {
  const specs: Record<string, string> = {};
  const problems: string[] = [];
  for (const item of text.split(/[、;；\n]/u).map((s) => s.trim())) {
    if (item === "") continue;
    const m =
      /^(.+?)\s*[=:：]\s*(.+)$/u.exec(item) ?? /^(.*?[^\s\d０-９,.，．])\s*([\d０-９][^]*)$/u.exec(item);
    if (!m) {
      problems.push(p.machineSpecsNoValue(item));
      continue;
    }
    const key = specKeyOf(m[1]!);
    if (!key) problems.push(p.machineSpecsUnknown(m[1]!.trim()));
    else specs[key] = m[2]!.trim();
  }
  return { specs, problems };
}

/**
 * The company input a profile form sent, and the problems found before the core checks it (a
 * capacity item not understood, a count that is not a number), each with the path the core
 * would use, so the form marks the same field either way.
 */
export function readProfileForm(
  body: FormBody,
  p: ProfilesMessages,
  options: { staff: boolean },
): { input: CompanyInput; issues: Issue[] } {
  const issues: Issue[] = [];
  const input: Record<string, unknown> = {};
  for (const f of TEXT_FIELDS) input[f] = one(body, f);
  for (const f of ["corporateNumber", "industryCode", "employees", "founded", "capital"])
    if (input[f] === "") input[f] = null;
  input.processes = all(body, "processes");
  input.materials = all(body, "materials");

  const certifications = [];
  for (let i = 0; i < rowCount(body, "cert"); i++) {
    const name = one(body, `cert-${i}-name`);
    if (name === "") continue;
    const expires = one(body, `cert-${i}-expires`);
    certifications.push({ name, number: one(body, `cert-${i}-number`), expires: expires || null });
  }
  input.certifications = certifications;

  const equipment = [];
  for (let i = 0; i < rowCount(body, "eq"); i++) {
    const kind = one(body, `eq-${i}-kind`);
    if (kind === "") continue;
    const at = `equipment[${equipment.length}]`;
    const countText = one(body, `eq-${i}-count`).normalize("NFKC");
    let count = 1;
    if (countText !== "") {
      if (/^\d{1,5}$/.test(countText) && Number(countText) >= 1) count = Number(countText);
      else issues.push({ path: `${at}.count`, message: p.countNotNumber });
    }
    const { specs, problems } = readSpecs(one(body, `eq-${i}-specs`), p);
    for (const message of problems) issues.push({ path: `${at}.specs`, message });
    equipment.push({
      kind,
      maker: one(body, `eq-${i}-maker`),
      model: one(body, `eq-${i}-model`),
      count,
      specs,
    });
  }
  input.equipment = equipment;

  const privateOnes = new Set(all(body, "private"));
  input.fields = Object.fromEntries(
    VISIBILITY_FIELDS.map((f) => [f, { visibility: privateOnes.has(f) ? "private" : "public" }]),
  );
  if (options.staff) {
    input.notes = one(body, "notes");
    input.listed = one(body, "listed") === "yes";
  }
  return { input: input as CompanyInput, issues };
}

/** The form's values for a stored company (or the input a firm sent and the city has not decided on). */
export function formValuesOf(c: Omit<Company, "notes"> | CompanyInput): FormBody {
  const out: FormBody = {};
  const text = (v: unknown): string => {
    if (v === null || v === undefined) return "";
    if (typeof v === "object" && "min" in v && "max" in v) {
      const e = v as { min: number; max: number };
      return e.min === e.max ? String(e.min) : `${e.min}-${e.max}`;
    }
    return typeof v === "string" || typeof v === "number" ? String(v) : "";
  };
  const record = c as Record<string, unknown>;
  for (const f of TEXT_FIELDS) out[f] = text(record[f]);
  out.notes = text(record.notes);
  out.listed = record.listed === false ? "" : "yes";
  out.processes = (c.processes ?? []).map(String);
  out.materials = (c.materials ?? []).map(String);
  (c.certifications ?? []).forEach((cert, i) => {
    const e = typeof cert === "string" ? { name: cert } : cert;
    out[`cert-${i}-name`] = e.name;
    out[`cert-${i}-number`] = e.number ?? "";
    out[`cert-${i}-expires`] = e.expires ?? "";
  });
  (c.equipment ?? []).forEach((m, i) => {
    out[`eq-${i}-kind`] = m.kind;
    out[`eq-${i}-maker`] = m.maker ?? "";
    out[`eq-${i}-model`] = m.model ?? "";
    out[`eq-${i}-count`] = String(m.count ?? 1);
    out[`eq-${i}-specs`] = Object.entries(m.specs ?? {})
      .map(
        ([k, v]) =>
          `${SPECS.find((s) => s.key === k)?.label ?? k} ${v}${typeof v === "number" ? (SPECS.find((s) => s.key === k)?.unit ?? "") : ""}`,
      )
      .join("、");
  });
  const fields = (c.fields ?? {}) as Record<string, { visibility?: string } | undefined>;
  out.private = VISIBILITY_FIELDS.filter((f) => fields[f]?.visibility === "private");
  return out;
}

/** The form's values as the person sent them (to show a refused form again unchanged). */
export function keepValues(body: FormBody): FormBody {
  const { _csrf: _c, ...rest } = body;
  return rest;
}

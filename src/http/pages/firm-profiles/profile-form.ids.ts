import { FIELD_NAMES } from "../../../core/companies/company.schema.js";
import type { FormBody } from "./profile-form.parse.js";

/** Reading the profile form's values, and the ids its error summary links to. */

export const v = (values: FormBody, key: string): string => {
  const x = values[key];
  return Array.isArray(x) ? (x[0] ?? "") : (x ?? "");
};
export const list = (values: FormBody, key: string): string[] => {
  const x = values[key];
  return Array.isArray(x) ? x : x ? [x] : [];
};
export const rows = (values: FormBody, prefix: string) => {
  let n = 0;
  for (const key of Object.keys(values)) {
    const m = new RegExp(`^${prefix}-(\\d+)-`).exec(key);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return n;
};

/**
 * Which field each issue path belongs to, for the error summary's links: the form's rows are
 * counted without the empty ones, so `equipment[1]` is the second filled machine row.
 */
export function fieldIds(values: FormBody): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const f of FIELD_NAMES) ids[f] = `pf-${f}`;
  ids.processes = "pf-processes";
  ids.materials = "pf-materials";
  ids.fields = "pf-private";
  let n = 0;
  for (let i = 0; i < rows(values, "eq"); i++) {
    if (v(values, `eq-${i}-kind`) === "") continue;
    ids[`equipment[${n}]`] = `eq-${i}-kind`;
    ids[`equipment[${n}].kind`] = `eq-${i}-kind`;
    ids[`equipment[${n}].count`] = `eq-${i}-count`;
    ids[`equipment[${n}].specs`] = `eq-${i}-specs`;
    n++;
  }
  n = 0;
  for (let i = 0; i < rows(values, "cert"); i++) {
    if (v(values, `cert-${i}-name`) === "") continue;
    ids[`certifications[${n}]`] = `cert-${i}-name`;
    ids[`certifications[${n}].name`] = `cert-${i}-name`;
    ids[`certifications[${n}].expires`] = `cert-${i}-expires`;
    n++;
  }
  return ids;
}

/** Index of a filled row among the filled ones (the core's issue paths count only those). */
export function filledIndex(values: FormBody, prefix: string, key: string, i: number): number {
  let n = 0;
  for (let j = 0; j < i; j++) if (v(values, `${prefix}-${j}-${key}`) !== "") n++;
  return n;
}

import { DomainError, validationError } from "../../core/errors.js";
import {
  ensureMunicipality,
  findMunicipality,
  KADOMA,
  listMunicipalities,
  type Municipality,
} from "../../core/municipalities/municipality.js";
import type { Db } from "../../core/plan/plan.repository.js";
import { readCompaniesCsv, readCompaniesXlsx } from "./companies-files.js";
import { readCompaniesJson } from "./companies-json.js";
import type { TableEntry } from "./companies-table.js";
import { isGbizInfo, readGbizInfo } from "./gbizinfo.js";

export const COMPANY_FILE_FORMATS = ["json", "xlsx", "csv", "gbizinfo"] as const;
export type CompanyFileFormat = (typeof COMPANY_FILE_FORMATS)[number];

/** The format a file is in, from its name (and, for .json, whether it is a gBizINFO answer). */
export function guessCompanyFormat(name: string, bytes: Uint8Array): CompanyFileFormat {
  const lower = name.toLowerCase();
  if (lower.endsWith(".xlsx")) return "xlsx";
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".json")) {
    try {
      return isGbizInfo(JSON.parse(new TextDecoder().decode(bytes))) ? "gbizinfo" : "json";
    } catch {
      return "json";
    }
  }
  throw new DomainError(
    "unsupported_format",
    `${name}: say which format it is (--format json|xlsx|csv|gbizinfo)`,
    [{ path: name, message: "unknown format" }],
  );
}

/**
 * The municipality an import writes to: the one named (code or slug), else the one the file
 * names, else the only one there is, else Kadoma (added when missing: the first dataset).
 */
export async function importMunicipality(
  db: Db,
  named: string | undefined,
  fromFile?: Municipality | string,
): Promise<Municipality> {
  const wanted = named ?? (typeof fromFile === "string" ? fromFile : fromFile?.code);
  if (wanted) {
    const found = await findMunicipality(db, wanted);
    if (found) return found;
    if (typeof fromFile === "object" && fromFile.code === wanted) {
      await ensureMunicipality(db, fromFile);
      return fromFile;
    }
    if (wanted === KADOMA.code || wanted === KADOMA.slug) {
      await ensureMunicipality(db, KADOMA);
      return KADOMA;
    }
    throw validationError([{ path: "municipality", message: `「${wanted}」 is not a known municipality` }]);
  }
  const all = await listMunicipalities(db);
  if (all.length === 1) return all[0]!;
  if (all.length === 0) {
    await ensureMunicipality(db, KADOMA);
    return KADOMA;
  }
  throw validationError([
    { path: "municipality", message: `name the municipality (${all.map((m) => m.slug).join(", ")})` },
  ]);
}

export interface CompanyFile {
  name: string;
  bytes: Uint8Array;
}

/** Reads a file of companies in any supported format into entries, and the municipality it names. */
export async function readCompanyFile(
  db: Db,
  file: CompanyFile,
  format: CompanyFileFormat,
  options: { municipality?: string | undefined; equipment?: CompanyFile | undefined } = {},
): Promise<{ municipality: Municipality; entries: TableEntry[] }> {
  if (format === "json") {
    const read = readCompaniesJson(file.bytes, file.name);
    return {
      municipality: await importMunicipality(db, options.municipality, read.municipality),
      entries: read.entries,
    };
  }
  const municipality = await importMunicipality(db, options.municipality);
  if (format === "gbizinfo") {
    let data: unknown;
    try {
      data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(file.bytes));
    } catch {
      throw validationError([{ path: file.name, message: "is not JSON text" }]);
    }
    if (!isGbizInfo(data))
      throw validationError([
        { path: `${file.name} hojin-infos`, message: "is missing: not a gBizINFO answer" },
      ]);
    return { municipality, entries: readGbizInfo(data, file.name, municipality) };
  }
  if (format === "xlsx") return { municipality, entries: await readCompaniesXlsx(file.bytes, file.name) };
  return { municipality, entries: readCompaniesCsv(file, options.equipment) };
}

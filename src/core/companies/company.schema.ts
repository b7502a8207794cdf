import { z } from "zod";

/**
 * A company as the registry keeps it (the `companies` entries of shinko-companies/1, and what
 * the API answers to the city's staff). docs/companies-format.md describes every field.
 */
export const FIELD_NAMES = [
  "corporateNumber",
  "name",
  "nameKana",
  "address",
  "town",
  "location",
  "industryCode",
  "employees",
  "founded",
  "capital",
  "representative",
  "url",
  "products",
  "pr",
  "lotSizes",
  "processes",
  "materials",
  "certifications",
  "equipment",
  "phone",
  "fax",
  "email",
  "contactPerson",
  "notes",
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** Fields that are always public: a listed firm is found by its name and its town. */
export const ALWAYS_PUBLIC: readonly FieldName[] = ["name", "town"];
/** Fields that are never public: the city's own notes. */
export const ALWAYS_PRIVATE: readonly FieldName[] = ["notes"];
/** Private unless the firm or the city says otherwise: a person's name is personal data. */
export const PRIVATE_BY_DEFAULT: readonly FieldName[] = ["contactPerson", "notes"];

export const visibilitySchema = z.enum(["public", "private"]);
export const supplierSchema = z.enum(["city", "firm"]);
export type Visibility = z.infer<typeof visibilitySchema>;
export type Supplier = z.infer<typeof supplierSchema>;

/** Per field: who may see it, who supplied it and when, and when the city last checked it. */
export const fieldMetaSchema = z
  .object({
    visibility: visibilitySchema,
    source: supplierSchema,
    updatedAt: z.string(),
    /** When the city confirmed the value; null: not verified (e.g. the firm changed it since). */
    verifiedAt: z.string().nullable(),
  })
  .meta({ id: "CompanyFieldMeta" });
export type FieldMeta = z.infer<typeof fieldMetaSchema>;

export const employeesSchema = z.object({ min: z.number().int().min(0), max: z.number().int().min(0) });
export type Employees = z.infer<typeof employeesSchema>;

export const certificationSchema = z
  .object({ name: z.string(), number: z.string(), expires: z.string().nullable() })
  .meta({ id: "CompanyCertification" });
export type Certification = z.infer<typeof certificationSchema>;

export const machineSchema = z
  .object({
    /** The equipment kind's Japanese name (プレス機). */
    kind: z.string(),
    maker: z.string(),
    model: z.string(),
    count: z.number().int().min(1),
    /** Spec key (unit in the name) → number in that unit: { pressForceKn: 1961.33 }. */
    specs: z.record(z.string(), z.number()),
  })
  .meta({ id: "Machine" });
export type Machine = z.infer<typeof machineSchema>;

export const companySchema = z
  .object({
    id: z.string(),
    municipalityCode: z.string(),
    corporateNumber: z.string().nullable(),
    name: z.string(),
    nameKana: z.string(),
    address: z.string(),
    town: z.string(),
    location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
    /** 日本標準産業分類 code: 2 (中分類), 3 (小分類) or 4 (細分類) digits. */
    industryCode: z.string().nullable(),
    employees: employeesSchema.nullable(),
    founded: z.number().int().nullable(),
    /** In yen. */
    capital: z.number().int().nullable(),
    representative: z.string(),
    url: z.string(),
    products: z.string(),
    pr: z.string(),
    lotSizes: z.string(),
    /** Process names as the firm listed them (not their parents). */
    processes: z.array(z.string()),
    materials: z.array(z.string()),
    certifications: z.array(certificationSchema),
    equipment: z.array(machineSchema),
    phone: z.string(),
    fax: z.string(),
    email: z.string(),
    contactPerson: z.string(),
    notes: z.string(),
    /** Shown on the portal (false: kept by the city only). */
    listed: z.boolean(),
    fields: z.record(z.string(), fieldMetaSchema),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Company" });
export type Company = z.infer<typeof companySchema>;

/** A company as the public sees it: private fields are absent, not empty (see publicView). */
export const publicCompanySchema = companySchema
  .partial()
  .required({
    id: true,
    name: true,
    town: true,
    municipalityCode: true,
    fields: true,
    version: true,
    updatedAt: true,
  })
  .meta({ id: "PublicCompany" });
export type PublicCompany = z.infer<typeof publicCompanySchema>;

const text = (max: number) => z.string().max(max);
const loose = z.union([z.string(), z.number()]);

/**
 * What a caller sends to create or replace a company (the API's body, one entry of a
 * shinko-companies/1 file): names instead of codes, numbers as people write them. Everything
 * but the name and the town may be left out.
 */
export const companyInputSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be lower-case letters, digits and hyphens")
      .optional(),
    corporateNumber: loose.nullable().optional(),
    name: text(200).min(1, "is required"),
    nameKana: text(200).optional(),
    address: text(300).optional(),
    town: text(100).min(1, "is required"),
    location: z
      .object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
      .nullable()
      .optional(),
    industryCode: loose.nullable().optional(),
    /** 25, "20-49", "20〜49", or { min, max }. */
    employees: z.union([loose, employeesSchema]).nullable().optional(),
    founded: loose.nullable().optional(),
    capital: loose.nullable().optional(),
    representative: text(200).optional(),
    url: text(500).optional(),
    products: text(4000).optional(),
    pr: text(4000).optional(),
    lotSizes: text(500).optional(),
    processes: z.array(text(100)).max(100).optional(),
    materials: z.array(text(100)).max(100).optional(),
    certifications: z
      .array(
        z.union([
          text(100),
          z.strictObject({
            name: text(100),
            number: text(100).optional(),
            expires: z.string().nullable().optional(),
          }),
        ]),
      )
      .max(50)
      .optional(),
    equipment: z
      .array(
        z.strictObject({
          kind: text(100),
          maker: text(200).optional(),
          model: text(200).optional(),
          count: z.number().int().min(1).max(10_000).optional(),
          specs: z.record(z.string(), loose).optional(),
        }),
      )
      .max(500)
      .optional(),
    phone: text(50).optional(),
    fax: text(50).optional(),
    email: text(320).optional(),
    contactPerson: text(200).optional(),
    notes: text(4000).optional(),
    listed: z.boolean().optional(),
    /** Per field: visibility, and (from files and the city only) source and verifiedAt. */
    fields: z
      .record(
        z.string(),
        z.strictObject({
          visibility: visibilitySchema.optional(),
          source: supplierSchema.optional(),
          updatedAt: z.string().optional(),
          verifiedAt: z.string().nullable().optional(),
        }),
      )
      .optional(),
  })
  .meta({ id: "CompanyInput" });
export type CompanyInput = z.input<typeof companyInputSchema>;

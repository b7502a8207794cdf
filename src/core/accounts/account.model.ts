import { z } from "zod";
import { COMPANY_MEMBER, ROLES, type AccountRole } from "../access/roles.js";
import type { AccountsTable } from "../../db/schema.js";

/** An account as the rest of the program sees it: never its password hash. */
export interface Account {
  id: string;
  email: string;
  displayName: string;
  /** A staff role, or company_member (an account of a firm, see core/access/roles.ts). */
  role: AccountRole;
  disabled: boolean;
  /** True after a reset by an administrator, until the owner picks a new password. */
  mustChangePassword: boolean;
  hasPassword: boolean;
  createdAt: string;
  updatedAt: string;
  lastSignInAt: string | null;
}

export const emailSchema = z
  .string()
  .trim()
  .max(254, "must be at most 254 characters")
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be an e-mail address")
  .transform((v) => v.toLowerCase())
  .meta({ examples: ["tanaka@city.kadoma.example"] });

export const roleSchema = z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` });

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  // Control characters would corrupt CSV exports and logs.
  .regex(/^[^\p{Cc}]*$/u, "must not contain control characters");

export function toRole(value: string): AccountRole {
  // A company member must stay one: mapping it to a staff role would let a firm read staff pages.
  if (value === COMPANY_MEMBER) return COMPANY_MEMBER;
  const parsed = roleSchema.safeParse(value);
  // A role the code does not know (a newer version wrote it) gets the least power.
  return parsed.success ? parsed.data : "viewer";
}

export function toAccount(row: AccountsTable): Account {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: toRole(row.role),
    disabled: row.disabled_at !== null,
    mustChangePassword: row.must_change_password === 1,
    hasPassword: row.password_hash !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastSignInAt: row.last_sign_in_at,
  };
}

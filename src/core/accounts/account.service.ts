import { randomUUID } from "node:crypto";
import { z } from "zod";
import { COMPANY_MEMBER, isStaffRole, type AccountRole, type Role } from "../access/roles.js";
import { recordAudit, type AuditActor } from "../audit/audit.js";
import { systemClock, type Clock } from "../clock.js";
import { DomainError, notFound, validationError } from "../errors.js";
import type { Db } from "../plan/plan.repository.js";
import { parseWith } from "../validation.js";
import { isUniqueViolation } from "../../db/errors.js";
import { inTransaction } from "../../db/transaction.js";
import { displayNameSchema, emailSchema, roleSchema, toAccount, type Account } from "./account.model.js";
import {
  countOtherActiveAdmins,
  findAccountRowByEmail,
  findAccountRowById,
  insertAccountRow,
  listAccountRows,
  updateAccountRow,
  revokeActiveTokens,
} from "./account.repository.js";
import { hashPassword, passwordProblems, verifyPassword } from "./password.js";
import { revokeAllSessions } from "./session.service.js";
import { clearFailures } from "./throttle.js";

/** Who is making a change, from where, and the clock: every change is audited. */
export interface Acting {
  actor: AuditActor;
  ip?: string | null | undefined;
  clock?: Clock | undefined;
}

const newAccountSchema = z.strictObject({
  email: emailSchema,
  displayName: displayNameSchema.optional(),
  role: roleSchema,
  password: z.string(),
  /** True when someone other than the owner chose the password (the owner must replace it). */
  mustChangePassword: z.boolean().default(false),
});

export type NewAccount = z.input<typeof newAccountSchema>;

/** Checks a new password against the rules and hashes it; throws naming the field. */
export async function preparePassword(password: string, email: string, field = "password"): Promise<string> {
  const problems = passwordProblems(password, email);
  if (problems.length > 0) throw validationError(problems.map((message) => ({ path: field, message })));
  return hashPassword(password);
}

/**
 * Creates an account with a password. There are no default passwords: one is always given.
 *
 * @example
 * await createAccount(db, { email: "sato@city.example", role: "action_owner", password }, { actor });
 */
export async function createAccount(db: Db, input: NewAccount, acting: Acting): Promise<Account> {
  const data = parseWith(newAccountSchema, input);
  return insertNewAccount(db, data, acting);
}

/**
 * Creates the account a firm uses to keep its own profile (role company_member). Only
 * core/company-members calls it, from an invitation link: neither the accounts API nor the CLI
 * can make one, so a firm's account never comes from a staff form.
 */
export async function createCompanyMemberAccount(
  db: Db,
  input: { email: string; displayName?: string | undefined; password: string },
  acting: Acting,
): Promise<Account> {
  const data = parseWith(newAccountSchema.omit({ role: true }), input);
  return insertNewAccount(db, { ...data, role: COMPANY_MEMBER }, acting);
}

async function insertNewAccount(
  db: Db,
  data: {
    email: string;
    displayName?: string | undefined;
    role: AccountRole;
    password: string;
    mustChangePassword: boolean;
  },
  acting: Acting,
): Promise<Account> {
  const passwordHash = await preparePassword(data.password, data.email);
  const now = (acting.clock ?? systemClock).now().toISOString();
  const row = {
    id: randomUUID(),
    email: data.email,
    display_name: data.displayName ?? data.email.split("@")[0]!,
    role: data.role,
    password_hash: passwordHash,
    must_change_password: data.mustChangePassword ? 1 : 0,
    disabled_at: null,
    created_at: now,
    updated_at: now,
    password_changed_at: now,
    last_sign_in_at: null,
  };
  try {
    await inTransaction(db, async (trx) => {
      await insertAccountRow(trx, row);
      await recordAudit(
        trx,
        {
          kind: "account.created",
          actor: acting.actor,
          ip: acting.ip,
          subject: { type: "account", id: row.id },
          details: { email: row.email, role: row.role },
        },
        acting.clock,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError("conflict", `an account with the e-mail ${data.email} already exists`, [
        { path: "email", message: "is already in use" },
      ]);
    }
    throw error;
  }
  return toAccount(row);
}

export async function listAccounts(db: Db): Promise<Account[]> {
  return (await listAccountRows(db)).map(toAccount);
}

export async function getAccount(db: Db, id: string): Promise<Account> {
  const row = await findAccountRowById(db, id);
  if (!row) throw notFound(`account ${id}`);
  return toAccount(row);
}

/** The account with this e-mail address (any case), or a not-found error naming it. */
export async function getAccountByEmail(db: Db, email: string): Promise<Account> {
  const row = await findAccountRowByEmail(db, email.trim());
  if (!row) throw notFound(`account ${email}`);
  return toAccount(row);
}

export interface AccountChanges {
  displayName?: string | undefined;
  role?: Role | undefined;
  disabled?: boolean | undefined;
}

async function refuseLastAdmin(db: Db, account: Account, what: string): Promise<void> {
  if (account.role === "admin" && !account.disabled && (await countOtherActiveAdmins(db, account.id)) === 0) {
    throw new DomainError("conflict", `${account.email} is the only active administrator: cannot ${what}`);
  }
}

/**
 * Changes an account's name, role or state, each audited. The last active administrator cannot be
 * demoted or disabled, so the system always has someone who can manage it. Disabling ends the
 * account's sessions; its access tokens stop working with it.
 */
export async function updateAccount(
  db: Db,
  id: string,
  changes: AccountChanges,
  acting: Acting,
): Promise<Account> {
  return inTransaction(db, async (trx) => {
    const account = await getAccount(trx, id);
    const now = (acting.clock ?? systemClock).now().toISOString();
    const audit = (kind: string, details: Record<string, unknown>) =>
      recordAudit(
        trx,
        { kind, actor: acting.actor, ip: acting.ip, subject: { type: "account", id }, details },
        acting.clock,
      );

    if (changes.displayName !== undefined && changes.displayName !== account.displayName) {
      const displayName = parseWith(displayNameSchema, changes.displayName, "displayName");
      await updateAccountRow(trx, id, { display_name: displayName, updated_at: now });
      await audit("account.updated", {
        email: account.email,
        displayName: { from: account.displayName, to: displayName },
      });
    }
    if (changes.role !== undefined && changes.role !== account.role) {
      // A firm's account never becomes staff (nor staff a firm's): the roles are kept apart.
      if (!isStaffRole(account.role)) {
        throw new DomainError("conflict", `${account.email} is a company member; its role cannot change`, [
          { path: "role", message: "a company member's role cannot change" },
        ]);
      }
      if (changes.role !== "admin") await refuseLastAdmin(trx, account, "take away the admin role");
      await updateAccountRow(trx, id, { role: changes.role, updated_at: now });
      await audit("account.role_changed", { email: account.email, from: account.role, to: changes.role });
    }
    if (changes.disabled !== undefined && changes.disabled !== account.disabled) {
      if (changes.disabled) {
        await refuseLastAdmin(trx, account, "disable it");
        await updateAccountRow(trx, id, { disabled_at: now, updated_at: now });
        const sessions = await revokeAllSessions(trx, id);
        await audit("account.disabled", { email: account.email, sessionsEnded: sessions });
      } else {
        await updateAccountRow(trx, id, { disabled_at: null, updated_at: now });
        await audit("account.enabled", { email: account.email });
      }
    }
    return getAccount(trx, id);
  });
}

/**
 * An administrator sets a new password for someone else. The owner must replace it at the next
 * sign-in (the administrator knows it); the account's sessions end, its access tokens are
 * revoked, and its sign-in lock lifts.
 */
export async function resetPassword(
  db: Db,
  id: string,
  password: string,
  acting: Acting,
  options: { temporary?: boolean } = {},
): Promise<Account> {
  const account = await getAccount(db, id);
  const passwordHash = await preparePassword(password, account.email);
  return inTransaction(db, async (trx) => {
    const now = (acting.clock ?? systemClock).now().toISOString();
    await updateAccountRow(trx, id, {
      password_hash: passwordHash,
      must_change_password: options.temporary === false ? 0 : 1,
      password_changed_at: now,
      updated_at: now,
    });
    const sessions = await revokeAllSessions(trx, id);
    const tokens = await revokeActiveTokens(trx, id, now);
    await clearFailures(trx, `account:${account.email}`);
    await recordAudit(
      trx,
      {
        kind: "account.password_reset",
        actor: acting.actor,
        ip: acting.ip,
        subject: { type: "account", id },
        details: {
          email: account.email,
          sessionsEnded: sessions,
          tokensRevoked: tokens,
          temporary: options.temporary !== false,
        },
      },
      acting.clock,
    );
    return getAccount(trx, id);
  });
}

/**
 * The owner changes their own password, giving the current one. Every session of the account
 * ends (the caller starts a fresh one for the person who changed it) and every access token is
 * revoked: a password change is what people do when they fear someone else got in.
 */
export async function changeOwnPassword(
  db: Db,
  id: string,
  passwords: { current: string; next: string },
  acting: Acting,
): Promise<Account> {
  const row = await findAccountRowById(db, id);
  if (!row || row.disabled_at !== null) throw notFound(`account ${id}`);
  if (!row.password_hash || !(await verifyPassword(passwords.current, row.password_hash))) {
    throw validationError([{ path: "currentPassword", message: "is not the current password" }]);
  }
  if (await verifyPassword(passwords.next, row.password_hash)) {
    throw validationError([{ path: "newPassword", message: "must differ from the current password" }]);
  }
  const passwordHash = await preparePassword(passwords.next, row.email, "newPassword");
  return inTransaction(db, async (trx) => {
    const now = (acting.clock ?? systemClock).now().toISOString();
    await updateAccountRow(trx, id, {
      password_hash: passwordHash,
      must_change_password: 0,
      password_changed_at: now,
      updated_at: now,
    });
    const sessions = await revokeAllSessions(trx, id);
    const tokens = await revokeActiveTokens(trx, id, now);
    await recordAudit(
      trx,
      {
        kind: "account.password_changed",
        actor: acting.actor,
        ip: acting.ip,
        subject: { type: "account", id },
        details: { email: row.email, sessionsEnded: sessions, tokensRevoked: tokens },
      },
      acting.clock,
    );
    return getAccount(trx, id);
  });
}

import { z } from "zod";
import { recordAudit, systemActor } from "../audit/audit.js";
import { DAY, isoAfter, systemClock, type Clock } from "../clock.js";
import { DomainError, validationError } from "../errors.js";
import type { Db } from "../plan/plan.repository.js";
import { parseWith } from "../validation.js";
import { inTransaction } from "../../db/transaction.js";
import { displayNameSchema, emailSchema, type Account } from "./account.model.js";
import { countAccounts } from "./account.repository.js";
import { createAccount } from "./account.service.js";
import { passwordProblems } from "./password.js";
import { hashSecret, newSecret } from "./secret.js";

/**
 * The one-time setup link: when a server starts and no account exists, it prints a link with a
 * random token that creates the first administrator. The token is stored hashed, works once,
 * expires, and stops working as soon as any account exists (however it was made).
 */
export const SETUP_TOKEN_LIFETIME_MS = DAY;

/** A new setup token, or null when accounts already exist. */
export async function createSetupToken(
  db: Db,
  clock: Clock = systemClock,
): Promise<{ token: string; expiresAt: string } | null> {
  return inTransaction(db, async (trx) => {
    if ((await countAccounts(trx)) > 0) return null;
    const now = clock.now();
    await trx.deleteFrom("setup_tokens").where("expires_at", "<=", now.toISOString()).execute();
    const token = newSecret();
    const expiresAt = isoAfter(now, SETUP_TOKEN_LIFETIME_MS);
    await trx
      .insertInto("setup_tokens")
      .values({ id: hashSecret(token), created_at: now.toISOString(), expires_at: expiresAt, used_at: null })
      .execute();
    return { token, expiresAt };
  });
}

/** True when the token can still create the first administrator (for the setup page's first look). */
export async function setupTokenUsable(db: Db, token: string, clock: Clock = systemClock): Promise<boolean> {
  if (token.length === 0 || token.length > 100) return false;
  if ((await countAccounts(db)) > 0) return false;
  const row = await db
    .selectFrom("setup_tokens")
    .select("id")
    .where("id", "=", hashSecret(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", clock.now().toISOString())
    .executeTakeFirst();
  return row !== undefined;
}

export const setupSchema = z.strictObject({
  token: z.string().min(1, "is required").max(100),
  email: emailSchema,
  displayName: displayNameSchema.optional(),
  password: z.string(),
});

/**
 * Creates the first administrator with a setup token. Refused when the token is unknown, used or
 * expired, or when an account exists already.
 */
export async function completeSetup(
  db: Db,
  input: z.input<typeof setupSchema>,
  context: { ip?: string | null; clock?: Clock } = {},
): Promise<Account> {
  const data = parseWith(setupSchema, input);
  const clock = context.clock ?? systemClock;
  const invalid = () =>
    new DomainError(
      "forbidden",
      "this setup link is not valid: it was used, it expired, or an account exists already",
    );
  // Check the password first, so a typo does not use up the link.
  const problems = passwordProblems(data.password, data.email);
  if (problems.length > 0) throw validationError(problems.map((message) => ({ path: "password", message })));
  const id = hashSecret(data.token);
  const now = clock.now().toISOString();
  return inTransaction(db, async (trx) => {
    const valid = await trx
      .selectFrom("setup_tokens")
      .select("id")
      .where("id", "=", id)
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    if (!valid) throw invalid();
    // Using one link uses them all (several servers may each have printed one). On PostgreSQL the
    // update locks the rows, so of two setups running at once the second finds its link used.
    const claimed = await trx
      .updateTable("setup_tokens")
      .set({ used_at: now })
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .returning("id")
      .execute();
    if (!claimed.some((row) => row.id === id)) throw invalid();
    if ((await countAccounts(trx)) > 0) throw invalid();
    const account = await createAccount(
      trx,
      { email: data.email, displayName: data.displayName, role: "admin", password: data.password },
      { actor: systemActor("setup link"), ip: context.ip, clock },
    );
    await recordAudit(
      trx,
      {
        kind: "setup.completed",
        actor: { accountId: account.id, label: account.email },
        ip: context.ip,
        subject: { type: "account", id: account.id },
        details: { email: account.email },
      },
      clock,
    );
    return account;
  });
}

import { z } from "zod";
import { recordAudit } from "../audit/audit.js";
import { DAY, isoAfter, MINUTE, systemClock, type Clock } from "../clock.js";
import { DomainError, notFound } from "../errors.js";
import type { Db } from "../plan/plan.repository.js";
import { parseWith } from "../validation.js";
import type { AccessTokensTable, AccountsTable } from "../../db/schema.js";
import { inTransaction } from "../../db/transaction.js";
import type { Acting } from "./account.service.js";
import { getAccount } from "./account.service.js";
import { hashSecret, newPublicId, newSecret } from "./secret.js";

/**
 * Personal access tokens for integrations. A token acts for its account with that account's
 * role, limited by its scope: "read" tokens may only make GET requests. A token always expires,
 * is shown once at creation, and only its hash is stored.
 */
export const TOKEN_SCOPES = ["read", "write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Every token starts with this, so secret scanners (and people) recognise a leaked one. */
export const TOKEN_PREFIX = "shinko_pat_";
export const MAX_TOKEN_DAYS = 366;

export interface AccessToken {
  id: string;
  accountId: string;
  name: string;
  scope: TokenScope;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** "active", or why it no longer works. */
  status: "active" | "expired" | "revoked";
}

export const newTokenSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(100)
    .regex(/^[^\p{Cc}]*$/u, "must not contain control characters"),
  scope: z.enum(TOKEN_SCOPES, { message: "must be read or write" }),
  expiresInDays: z
    .number()
    .int("must be a whole number of days")
    .min(1, "must be at least 1")
    .max(MAX_TOKEN_DAYS, `must be at most ${MAX_TOKEN_DAYS}`),
});

export type NewToken = z.input<typeof newTokenSchema>;

function toAccessToken(row: AccessTokensTable, now: Date): AccessToken {
  const status =
    row.revoked_at !== null ? "revoked" : row.expires_at <= now.toISOString() ? "expired" : "active";
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    scope: row.scope === "write" ? "write" : "read",
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    status,
  };
}

/**
 * Creates a token for an account and returns its secret: the only time anyone sees it.
 *
 * @example
 * const { secret } = await createAccessToken(db, accountId, { name: "統計連携", scope: "read", expiresInDays: 90 }, { actor });
 */
export async function createAccessToken(
  db: Db,
  accountId: string,
  input: NewToken,
  acting: Acting,
): Promise<{ token: AccessToken; secret: string }> {
  const data = parseWith(newTokenSchema, input);
  const clock = acting.clock ?? systemClock;
  return inTransaction(db, async (trx) => {
    const account = await getAccount(trx, accountId);
    if (account.disabled) throw new DomainError("conflict", `${account.email} is disabled`);
    const now = clock.now();
    const secret = newSecret(TOKEN_PREFIX);
    const row: AccessTokensTable = {
      id: newPublicId(),
      account_id: accountId,
      name: data.name,
      scope: data.scope,
      token_hash: hashSecret(secret),
      created_at: now.toISOString(),
      expires_at: isoAfter(now, data.expiresInDays * DAY),
      last_used_at: null,
      revoked_at: null,
    };
    await trx.insertInto("access_tokens").values(row).execute();
    await recordAudit(
      trx,
      {
        kind: "token.created",
        actor: acting.actor,
        ip: acting.ip,
        subject: { type: "token", id: row.id },
        details: { email: account.email, name: row.name, scope: row.scope, expiresAt: row.expires_at },
      },
      clock,
    );
    return { token: toAccessToken(row, now), secret };
  });
}

export async function listAccessTokens(
  db: Db,
  accountId: string,
  clock: Clock = systemClock,
): Promise<AccessToken[]> {
  const rows = await db
    .selectFrom("access_tokens")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("created_at", "desc")
    .execute();
  const now = clock.now();
  return rows.map((r) => toAccessToken(r, now));
}

/** Revokes a token of the account; revoking twice is harmless and audited once. */
export async function revokeAccessToken(
  db: Db,
  accountId: string,
  tokenId: string,
  acting: Acting,
): Promise<AccessToken> {
  const clock = acting.clock ?? systemClock;
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("access_tokens")
      .selectAll()
      .where("id", "=", tokenId)
      .where("account_id", "=", accountId)
      .executeTakeFirst();
    if (!row) throw notFound(`access token ${tokenId}`);
    const now = clock.now();
    if (row.revoked_at !== null) return toAccessToken(row, now);
    const revoked = { ...row, revoked_at: now.toISOString() };
    await trx
      .updateTable("access_tokens")
      .set({ revoked_at: revoked.revoked_at })
      .where("id", "=", tokenId)
      .execute();
    const owner = await getAccount(trx, accountId);
    await recordAudit(
      trx,
      {
        kind: "token.revoked",
        actor: acting.actor,
        ip: acting.ip,
        subject: { type: "token", id: tokenId },
        details: { email: owner.email, name: row.name },
      },
      clock,
    );
    return toAccessToken(revoked, now);
  });
}

/** The token's record by its public id, whichever account holds it (for the CLI). */
export async function findAccessToken(
  db: Db,
  tokenId: string,
  clock: Clock = systemClock,
): Promise<AccessToken> {
  const row = await db.selectFrom("access_tokens").selectAll().where("id", "=", tokenId).executeTakeFirst();
  if (!row) throw notFound(`access token ${tokenId}`);
  return toAccessToken(row, clock.now());
}

export type TokenResolution =
  | { ok: true; token: AccessToken; account: AccountsTable }
  | { ok: false; reason: "unknown" | "expired" | "revoked" | "account_disabled" };

/** What a bearer token stands for; says why when it does not work. */
export async function resolveAccessToken(
  db: Db,
  secret: string,
  clock: Clock = systemClock,
): Promise<TokenResolution> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return { ok: false, reason: "unknown" };
  const row = await db
    .selectFrom("access_tokens")
    .selectAll()
    .where("token_hash", "=", hashSecret(secret))
    .executeTakeFirst();
  if (!row) return { ok: false, reason: "unknown" };
  const now = clock.now();
  const token = toAccessToken(row, now);
  if (token.status !== "active") return { ok: false, reason: token.status };
  const account = await db
    .selectFrom("accounts")
    .selectAll()
    .where("id", "=", row.account_id)
    .executeTakeFirst();
  if (!account || account.disabled_at !== null) return { ok: false, reason: "account_disabled" };
  if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= MINUTE) {
    await db
      .updateTable("access_tokens")
      .set({ last_used_at: now.toISOString() })
      .where("id", "=", row.id)
      .execute();
  }
  return { ok: true, token, account };
}

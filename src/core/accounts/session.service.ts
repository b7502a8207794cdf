import { HOUR, isoAfter, MINUTE, systemClock, type Clock } from "../clock.js";
import type { Db } from "../plan/plan.repository.js";
import type { AccountsTable } from "../../db/schema.js";
import { hashSecret, newSecret } from "./secret.js";

/** How long a session lives: without activity (idle), and at most (absolute). */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export const DEFAULT_SESSION_POLICY: Readonly<SessionPolicy> = Object.freeze({
  idleMs: 2 * HOUR,
  absoluteMs: 12 * HOUR,
});

/** Activity is written at most this often, so reading pages does not write on every request. */
const TOUCH_INTERVAL_MS = MINUTE;

export interface NewSession {
  /** The secret for the cookie. Only its hash is stored. */
  token: string;
  id: string;
  expiresAt: string;
}

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

/**
 * Starts a session for an account. Always a new random token: a session id is never taken over
 * from the request, so an attacker cannot plant one (session fixation).
 */
export async function createSession(
  db: Db,
  accountId: string,
  client: { ip?: string | null; userAgent?: string | null },
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  clock: Clock = systemClock,
): Promise<NewSession> {
  const now = clock.now();
  const token = newSecret();
  const id = hashSecret(token);
  const expiresAt = isoAfter(now, policy.absoluteMs);
  await db
    .insertInto("sessions")
    .values({
      id,
      account_id: accountId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      ip: client.ip ?? null,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, id, expiresAt };
}

/**
 * The live session and active account behind a cookie's token, or null when the token is unknown,
 * idle too long, past its absolute end, or its account is disabled. Expired sessions are deleted.
 */
export async function resolveSession(
  db: Db,
  token: string,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  clock: Clock = systemClock,
): Promise<{ sessionId: string; account: AccountsTable } | null> {
  if (token.length === 0 || token.length > 100) return null;
  const id = hashSecret(token);
  const session = await db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
  if (!session) return null;
  const now = clock.now();
  const idleEnd = new Date(Date.parse(session.last_seen_at) + policy.idleMs);
  if (session.expires_at <= now.toISOString() || idleEnd <= now) {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return null;
  }
  const account = await db
    .selectFrom("accounts")
    .selectAll()
    .where("id", "=", session.account_id)
    .executeTakeFirst();
  if (!account || account.disabled_at !== null) return null;
  if (now.getTime() - Date.parse(session.last_seen_at) >= TOUCH_INTERVAL_MS) {
    await db.updateTable("sessions").set({ last_seen_at: now.toISOString() }).where("id", "=", id).execute();
  }
  return { sessionId: id, account };
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Ends every session of an account (sign-out everywhere, disable, password reset); returns how many. */
export async function revokeAllSessions(db: Db, accountId: string): Promise<number> {
  const result = await db.deleteFrom("sessions").where("account_id", "=", accountId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes sessions past their end; the policy's idle limit counts too. */
export async function deleteExpiredSessions(
  db: Db,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  clock: Clock = systemClock,
): Promise<number> {
  const now = clock.now();
  const result = await db
    .deleteFrom("sessions")
    .where((eb) =>
      eb.or([
        eb("expires_at", "<=", now.toISOString()),
        eb("last_seen_at", "<=", isoAfter(now, -policy.idleMs)),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function listSessions(db: Db, accountId: string): Promise<SessionInfo[]> {
  const rows = await db
    .selectFrom("sessions")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("last_seen_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    ip: r.ip,
    userAgent: r.user_agent,
  }));
}

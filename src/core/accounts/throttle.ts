import { sql } from "kysely";
import { isoAfter, MINUTE, type Clock } from "../clock.js";
import { DomainError } from "../errors.js";
import type { Db } from "../plan/plan.repository.js";

/**
 * Sign-in throttling, kept in the database so that every app server sees the same counts.
 * A key (`account:<e-mail>`, `ip:<address>`) counts failures in a fixed window; reaching the
 * limit locks the key until `lockMs` has passed.
 */
export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export interface SignInPolicy {
  /** Wrong passwords for one e-mail address (known or not, so a lock says nothing about existence). */
  account: ThrottlePolicy;
  /** Wrong passwords from one client address, across e-mail addresses (password spraying). */
  ip: ThrottlePolicy;
  /** Every attempt from one address, right or wrong: bounds the scrypt work one client can cause. */
  ipAttempts: ThrottlePolicy;
}

/**
 * A city's staff often reach the server from one address (the city hall's NAT or proxy), so the
 * per-address limits leave room for a busy morning; the per-account limit does the real work
 * against guessing. An administrator's password reset lifts an account's lock.
 */
export const DEFAULT_SIGN_IN_POLICY: Readonly<SignInPolicy> = Object.freeze({
  account: { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  ip: { maxFailures: 30, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  ipAttempts: { maxFailures: 300, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
});

/** Refused because of too many attempts; says when to try again. */
export class TooManyAttemptsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      "too_many_requests",
      `too many sign-in attempts; try again in ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} minutes`,
    );
  }
}

/** When the key's lock ends, or null when it is not locked. */
export async function lockedUntil(db: Db, key: string, clock: Clock): Promise<string | null> {
  const row = await db
    .selectFrom("sign_in_throttles")
    .select("locked_until")
    .where("key", "=", key)
    .executeTakeFirst();
  const until = row?.locked_until ?? null;
  return until !== null && until > clock.now().toISOString() ? until : null;
}

/**
 * Counts one failure for the key and locks it when the limit is reached. Returns the lock's end
 * when this failure started a lock, else null. The increment is one UPDATE, so concurrent failures
 * on several servers are all counted.
 */
export async function countFailure(
  db: Db,
  key: string,
  policy: ThrottlePolicy,
  clock: Clock,
): Promise<string | null> {
  const now = clock.now();
  const nowIso = now.toISOString();
  const windowStart = isoAfter(now, -policy.windowMs);
  await db
    .insertInto("sign_in_throttles")
    .values({ key, window_started_at: nowIso, failures: 0, locked_until: null })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const row = await db
    .updateTable("sign_in_throttles")
    .set({
      failures: sql<number>`case when window_started_at <= ${windowStart} then 1 else failures + 1 end`,
      window_started_at: sql<string>`case when window_started_at <= ${windowStart} then ${nowIso} else window_started_at end`,
    })
    .where("key", "=", key)
    .returning(["failures"])
    .executeTakeFirstOrThrow();
  if (row.failures < policy.maxFailures) return null;
  const until = isoAfter(now, policy.lockMs);
  // The window starts again after the lock, so the next failure does not lock at once.
  await db
    .updateTable("sign_in_throttles")
    .set({ locked_until: until, failures: 0, window_started_at: until })
    .where("key", "=", key)
    .execute();
  return until;
}

/** Forgets the failures of a key (after a successful sign-in, which a lock would have refused). */
export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom("sign_in_throttles").where("key", "=", key).execute();
}

export function secondsUntil(iso: string, clock: Clock): number {
  return Math.max(1, Math.ceil((Date.parse(iso) - clock.now().getTime()) / 1000));
}

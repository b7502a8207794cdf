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

export interface Charge {
  /** The key's count in its window, this attempt included. */
  failures: number;
  /** Within the limit: the password may be checked. Past it: refuse without checking. */
  allowed: boolean;
  /** When this attempt reached the limit, the end of the lock it started. */
  lockStarted: string | null;
}

/**
 * Counts an attempt against the key as a failure before its password is checked, in one
 * UPDATE: concurrent attempts (on several app servers too) each see the count with every other
 * attempt in it, so N parallel guesses get at most `maxFailures` password checks. The attempt
 * that reaches the limit starts the lock (and is still checked: it is within the limit); later
 * ones are counted and refused. A right password gives its failure back ({@link refundAttempt}).
 *
 * After a lock, the window is moved so that it ends with the lock: the first attempt after the
 * lock starts a new window.
 *
 * @example
 * const charge = await db.transaction().execute((trx) => chargeAttempt(trx, "account:a@b.example", policy.account, clock));
 * if (!charge.allowed) throw new TooManyAttemptsError(…);
 */
export async function chargeAttempt(
  db: Db,
  key: string,
  policy: ThrottlePolicy,
  clock: Clock,
): Promise<Charge> {
  const now = clock.now();
  const nowIso = now.toISOString();
  const windowStart = isoAfter(now, -policy.windowMs);
  const until = isoAfter(now, policy.lockMs);
  const untilWindow = isoAfter(new Date(until), -policy.windowMs);
  await db
    .insertInto("sign_in_throttles")
    .values({ key, window_started_at: nowIso, failures: 0, locked_until: null })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  // Every SET expression reads the row as it was before this UPDATE (both databases).
  const fresh = sql<boolean>`window_started_at <= ${windowStart}`;
  const next = sql<number>`case when ${fresh} then 1 else failures + 1 end`;
  const reaches = sql<boolean>`${next} = ${policy.maxFailures}`;
  const row = await db
    .updateTable("sign_in_throttles")
    .set({
      failures: next,
      window_started_at: sql<string>`case when ${reaches} then ${untilWindow} when ${fresh} then ${nowIso} else window_started_at end`,
      locked_until: sql<string | null>`case when ${reaches} then ${until} else locked_until end`,
    })
    .where("key", "=", key)
    .returning(["failures"])
    .executeTakeFirstOrThrow();
  const failures = Number(row.failures);
  return {
    failures,
    allowed: failures <= policy.maxFailures,
    lockStarted: failures === policy.maxFailures ? until : null,
  };
}

/**
 * Gives back the failure {@link chargeAttempt} counted for an attempt whose password was right;
 * a lock that attempt started is lifted, since it was no failure.
 */
export async function refundAttempt(db: Db, key: string, charge: Charge): Promise<void> {
  await db
    .updateTable("sign_in_throttles")
    .set({
      failures: sql<number>`case when failures > 0 then failures - 1 else 0 end`,
      locked_until: sql<
        string | null
      >`case when locked_until = ${charge.lockStarted ?? ""} then null else locked_until end`,
    })
    .where("key", "=", key)
    .execute();
}

/** Forgets the failures of a key (after a successful sign-in, which a lock would have refused). */
export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom("sign_in_throttles").where("key", "=", key).execute();
}

export function secondsUntil(iso: string, clock: Clock): number {
  return Math.max(1, Math.ceil((Date.parse(iso) - clock.now().getTime()) / 1000));
}

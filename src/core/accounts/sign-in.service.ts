import { recordAudit, systemActor } from "../audit/audit.js";
import { systemClock, type Clock } from "../clock.js";
import { DomainError } from "../errors.js";
import type { Db } from "../plan/plan.repository.js";
import { toAccount, type Account } from "./account.model.js";
import { findAccountRowByEmail, updateAccountRow } from "./account.repository.js";
import { hashPassword, needsRehash, spendVerificationTime, verifyPassword } from "./password.js";
import {
  createSession,
  DEFAULT_SESSION_POLICY,
  type NewSession,
  type SessionPolicy,
} from "./session.service.js";
import {
  chargeAttempt,
  clearFailures,
  DEFAULT_SIGN_IN_POLICY,
  lockedUntil,
  refundAttempt,
  secondsUntil,
  TooManyAttemptsError,
  type SignInPolicy,
} from "./throttle.js";

export interface SignInRequest {
  email: string;
  password: string;
  ip: string;
  userAgent?: string | null | undefined;
}

export interface SignInOptions {
  clock?: Clock | undefined;
  session?: SessionPolicy | undefined;
  throttle?: SignInPolicy | undefined;
}

/** The one message for a wrong e-mail or a wrong password, so neither gives the other away. */
export const WRONG_CREDENTIALS = "the e-mail address or the password is wrong";

/** The latest end of the keys' locks, or null when none is locked. */
async function lockedUntilOf(db: Db, keys: string[], clock: Clock): Promise<string | null> {
  const locks = await Promise.all(keys.map((key) => lockedUntil(db, key, clock)));
  return (
    locks
      .filter((l): l is string => l !== null)
      .sort()
      .at(-1) ?? null
  );
}

/**
 * Checks a password and starts a new session. Throttled per e-mail address and per client
 * address in the database (so the limits hold across app servers): too many failures lock the
 * key for a while, and a locked key is refused before the password is even checked. Each attempt
 * is counted before its password is checked, so parallel guesses get no more checks than the
 * limit. A disabled account is refused like a wrong password.
 *
 * Commits its own writes, one small transaction at a time: a failed attempt must stay counted
 * and audited although the sign-in is refused. Do not call it inside a transaction.
 *
 * @example
 * const { account, session } = await signIn(db, { email, password, ip: request.ip });
 */
export async function signIn(
  db: Db,
  attempt: SignInRequest,
  options: SignInOptions = {},
): Promise<{ account: Account; session: NewSession }> {
  const clock = options.clock ?? systemClock;
  const policy = options.throttle ?? DEFAULT_SIGN_IN_POLICY;
  const email = attempt.email.trim().toLowerCase().slice(0, 254);
  const accountKey = `account:${email}`;
  const ipKey = `ip:${attempt.ip}`;
  const attemptsKey = `ip-attempts:${attempt.ip}`;
  const audit = (kind: string, details: Record<string, unknown>, accountId: string | null = null) =>
    db.transaction().execute((trx) =>
      recordAudit(
        trx,
        {
          kind,
          actor: accountId ? { accountId, label: email } : systemActor(email || "(no e-mail)"),
          ip: attempt.ip,
          ...(accountId ? { subject: { type: "account", id: accountId } } : {}),
          details: { email, ...details },
        },
        clock,
      ),
    );

  const lock = await lockedUntilOf(db, [accountKey, ipKey, attemptsKey], clock);
  if (lock) {
    await audit("sign_in.failed", { reason: "locked", lockedUntil: lock });
    throw new TooManyAttemptsError(secondsUntil(lock, clock));
  }
  // Every attempt is counted as a failure before its password is checked (see chargeAttempt),
  // so parallel guesses cannot all pass the lock check above before any of them is counted.
  const charges = await db.transaction().execute(async (trx) => ({
    account: await chargeAttempt(trx, accountKey, policy.account, clock),
    ip: await chargeAttempt(trx, ipKey, policy.ip, clock),
    attempts: await chargeAttempt(trx, attemptsKey, policy.ipAttempts, clock),
  }));
  const row = await findAccountRowByEmail(db, email);
  const started = (["account", "ip"] as const).filter((scope) => charges[scope].lockStarted !== null);
  const auditLocks = async () => {
    for (const scope of started) {
      await audit(
        "sign_in.locked",
        { scope, ...(scope === "ip" ? { ip: attempt.ip } : {}) },
        row?.id ?? null,
      );
    }
  };
  const refused = Object.values(charges).find((c) => !c.allowed);
  if (refused) {
    const until =
      (await lockedUntilOf(db, [accountKey, ipKey, attemptsKey], clock)) ?? clock.now().toISOString();
    await audit("sign_in.failed", { reason: "locked", lockedUntil: until }, row?.id ?? null);
    await auditLocks();
    throw new TooManyAttemptsError(secondsUntil(until, clock));
  }

  // A disabled account is refused exactly like a wrong password (same message, status, hash
  // work and count), so a refusal tells nothing about the password or the account.
  let passwordOk = false;
  if (row?.password_hash) passwordOk = await verifyPassword(attempt.password, row.password_hash);
  else await spendVerificationTime(attempt.password);

  if (!row || !passwordOk || row.disabled_at !== null) {
    const reason = !row ? "unknown_account" : !passwordOk ? "wrong_password" : "disabled";
    await audit("sign_in.failed", { reason }, row?.id ?? null);
    await auditLocks();
    throw new DomainError("unauthorized", WRONG_CREDENTIALS);
  }

  // Raise the cost of an old hash while the password is at hand.
  const rehashed = needsRehash(row.password_hash!) ? await hashPassword(attempt.password) : null;
  const session = await db.transaction().execute(async (trx) => {
    const now = clock.now().toISOString();
    await updateAccountRow(trx, row.id, {
      last_sign_in_at: now,
      ...(rehashed ? { password_hash: rehashed } : {}),
    });
    await clearFailures(trx, accountKey);
    await refundAttempt(trx, ipKey, charges.ip);
    const created = await createSession(
      trx,
      row.id,
      { ip: attempt.ip, userAgent: attempt.userAgent ?? null },
      options.session ?? DEFAULT_SESSION_POLICY,
      clock,
    );
    await recordAudit(
      trx,
      {
        kind: "sign_in.succeeded",
        actor: { accountId: row.id, label: row.email },
        ip: attempt.ip,
        subject: { type: "account", id: row.id },
        details: { email: row.email, ...(rehashed ? { passwordRehashed: true } : {}) },
      },
      clock,
    );
    return created;
  });
  return { account: toAccount({ ...row, last_sign_in_at: clock.now().toISOString() }), session };
}

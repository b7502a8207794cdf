import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { AccountRole } from "../core/access/roles.js";
import { toAccount, type Account } from "../core/accounts/account.model.js";
import { hashPassword, setPasswordHashCost, type ScryptParams } from "../core/accounts/password.js";
import { createSession } from "../core/accounts/session.service.js";
import type { Db } from "../core/plan/plan.repository.js";
import { csrfTokenFor } from "../http/auth/authenticator.js";

/**
 * The scrypt cost in test files that import this module. At the production cost a hash takes a
 * fifth of a second, and the suites sign in hundreds of times; the cost is stored with each hash,
 * so nothing else changes. password.test.ts checks the production cost.
 */
export const TEST_SCRYPT: ScryptParams = { ln: 10, r: 8, p: 1 };
setPasswordHashCost(TEST_SCRYPT);

/** The password of every account made by {@link testAccount}. */
export const TEST_PASSWORD = "correct horse battery staple";

let testHash: Promise<string> | undefined;

let counter = 0;

/** An account written straight to the database, with {@link TEST_PASSWORD} hashed once per test file. */
export async function testAccount(
  db: Db,
  overrides: {
    role?: AccountRole;
    email?: string;
    displayName?: string;
    disabled?: boolean;
    mustChangePassword?: boolean;
  } = {},
): Promise<Account> {
  testHash ??= hashPassword(TEST_PASSWORD);
  const now = new Date().toISOString();
  const n = ++counter;
  const row = {
    id: randomUUID(),
    email: overrides.email ?? `user${n}-${randomUUID().slice(0, 8)}@city.example`,
    display_name: overrides.displayName ?? `利用者${n}`,
    role: overrides.role ?? "viewer",
    password_hash: await testHash,
    must_change_password: overrides.mustChangePassword ? 1 : 0,
    disabled_at: overrides.disabled ? now : null,
    created_at: now,
    updated_at: now,
    password_changed_at: now,
    last_sign_in_at: null,
  };
  await db.insertInto("accounts").values(row).execute();
  return toAccount(row);
}

export interface Credentials {
  /** The Cookie header value. */
  cookie: string;
  csrf: string;
}

/** A session made directly in the database (no password check): fast, for tests about something else. */
export async function sessionFor(db: Db, account: Account): Promise<Credentials> {
  const session = await createSession(db, account.id, { ip: "127.0.0.1" });
  return { cookie: `shinko_session=${session.token}`, csrf: csrfTokenFor(session.token) };
}

/** Headers for a request as the signed-in browser: cookie, plus the CSRF token for changes. */
export function asBrowser(credentials: Credentials): Record<string, string> {
  return { cookie: credentials.cookie, "x-csrf-token": credentials.csrf };
}

/** The session cookie's value from a response's Set-Cookie headers. */
export function sessionCookieFrom(setCookie: string | string[] | undefined): string | undefined {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  for (const c of all) {
    const m = /^(?:__Host-)?shinko_session=([^;]*)/.exec(c);
    if (m) return m[1];
  }
  return undefined;
}

/** Signs in through the API, as a browser would; returns the session's credentials. */
export async function signInThroughApi(
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
): Promise<Credentials> {
  const res = await app.inject({ method: "POST", url: "/api/v1/session", payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const token = sessionCookieFrom(res.headers["set-cookie"]);
  return { cookie: `shinko_session=${token}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

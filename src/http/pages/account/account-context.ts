import type { FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import { roleRank, type Principal, type Role } from "../../../core/access/roles.js";
import type { Account } from "../../../core/accounts/account.model.js";
import { getAccount } from "../../../core/accounts/account.service.js";
import type { SessionPolicy } from "../../../core/accounts/session.service.js";
import type { Clock } from "../../../core/clock.js";
import type { Db } from "../../../core/plan/plan.repository.js";
import { csrfTokenFor, type Authenticator } from "../../auth/authenticator.js";
import type { PageContext } from "../context.js";
import { accountEn } from "../i18n/account.en.js";
import { accountJa, type AccountMessages } from "../i18n/account.ja.js";
import { renderDocument } from "../render.js";

export interface AccountPageDeps {
  db: Db;
  clock: Clock;
  auth: Authenticator;
  sessionPolicy: SessionPolicy;
  /** The page context of the public pages (language, assets, fiscal year). */
  context: (request: FastifyRequest, reply: FastifyReply) => PageContext;
}

/** The signed-in person looking at a page, with the CSRF token their forms must carry. */
export interface Viewer {
  principal: Principal;
  account: Account;
  csrf: string;
}

export function accountText(ctx: PageContext): AccountMessages {
  return ctx.lang === "en" ? accountEn : accountJa;
}

export const accountUrls = {
  signIn: (next?: string) => (next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"),
  signOut: () => "/sign-out",
  setup: () => "/setup",
  account: () => "/account",
  password: () => "/account/password",
  tokens: () => "/account/tokens",
  revokeToken: (id: string) => `/account/tokens/${encodeURIComponent(id)}/revoke`,
  signOutEverywhere: () => "/account/sign-out-everywhere",
  accounts: () => "/admin/accounts",
  adminAccount: (id: string) => `/admin/accounts/${encodeURIComponent(id)}`,
  adminReset: (id: string) => `/admin/accounts/${encodeURIComponent(id)}/password-reset`,
  adminRevoke: (id: string, tokenId: string) =>
    `/admin/accounts/${encodeURIComponent(id)}/tokens/${encodeURIComponent(tokenId)}/revoke`,
  audit: (query?: URLSearchParams) => `/admin/audit${query && query.size > 0 ? `?${query.toString()}` : ""}`,
};

/**
 * Who is looking, from the session cookie only: pages are for people at a browser, so an access
 * token does not sign anyone in here.
 */
export async function viewerOf(deps: AccountPageDeps, request: FastifyRequest): Promise<Viewer | null> {
  const auth = await deps.auth.resolve(request);
  if (auth.via !== "session") return null;
  return {
    principal: auth.principal,
    account: await getAccount(deps.db, auth.principal.accountId),
    csrf: csrfTokenFor(auth.sessionToken),
  };
}

export function hasRole(viewer: Viewer, role: Role): boolean {
  return roleRank(viewer.principal.role) >= roleRank(role);
}

/**
 * Sends an account page. Never stored by any cache: it shows who is signed in, and once a token's
 * secret.
 */
export function sendAccountPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .status(status)
    .header("cache-control", "no-store")
    .type("text/html; charset=utf-8")
    .send(renderDocument(page));
}

/**
 * A path on this site to return to after sign-in, percent-encoded as a Location header needs it
 * (`/plans/kadoma/search?q=溶接` comes back as `…?q=%E6%BA%B6%E6%8E%A5`); anything else (another
 * host, a scheme, control characters) is refused.
 */
export function safeNext(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > 500) return undefined;
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return undefined;
  if (/[\p{Cc}]/u.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, "http://shinko.invalid");
  } catch {
    return undefined;
  }
  if (url.origin !== "http://shinko.invalid") return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Whatever the parser made of it, the result must still be one path here, in plain ASCII.
  return path.startsWith("/") && !path.startsWith("//") && /^[\x21-\x7e]+$/.test(path) ? path : undefined;
}

/** The form fields of a urlencoded body, as strings (the last value of a repeated field). */
export function formValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== "object") return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (typeof v === "string") out[k] = v;
  }
  return out;
}

const DATE_TIME = {
  ja: new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "medium", timeStyle: "short" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", dateStyle: "medium", timeStyle: "short" }),
};

/** A moment as staff in Japan read it (Japan time), e.g. 2025/04/01 9:30. */
export function dateTime(ctx: PageContext, iso: string): string {
  return DATE_TIME[ctx.lang].format(new Date(iso));
}

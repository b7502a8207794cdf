import type { InjectOptions } from "fastify";
import { COMPANY_MEMBER, ROLES, roleRank, type AccountRole, type Role } from "../../core/access/roles.js";
import type { Account } from "../../core/accounts/account.model.js";
import type { Fixtures } from "./fixtures.js";

/**
 * The shape of the authorization table (see authorization.test.ts): for each route, a request
 * that is well formed for the caller, and the status each kind of caller gets.
 */
export type Who = "public" | AccountRole;
/**
 * The callers of every row. The company member (an account of a firm, outside the staff ordering)
 * comes last: on every staff route it gets what a role below viewer would (403), on public routes
 * what everyone gets; only routes that name it let it through, for its own company.
 */
export const WHO: readonly Who[] = ["public", ...ROLES, COMPANY_MEMBER];

export interface Context {
  fixtures: Fixtures;
  /** The account making the request (null for the public). */
  caller: Account | null;
}

export interface Case {
  request(ctx: Context): Promise<InjectOptions> | InjectOptions;
  expect: Record<Who, number>;
  /** The request ends or replaces the caller's sessions: a fresh account makes each call. */
  freshCaller?: boolean;
  /** A signed-in session is needed: access tokens get 403 even with write scope. */
  sessionOnly?: boolean;
  /** What an administrator's tokens get, when not derived from the rest (pages ignore tokens). */
  tokens?: { read: number; write: number };
}

export type Table = Record<string, Case>;

export const everyone = (status: number): Record<Who, number> =>
  Object.fromEntries(WHO.map((w) => [w, status])) as Record<Who, number>;

/** `status` from the role up, 403 below it, 401 for the public. */
export const needs = (role: Role, status: number): Record<Who, number> =>
  Object.fromEntries(
    WHO.map((w) => [w, w === "public" ? 401 : roleRank(w) >= roleRank(role) ? status : 403]),
  ) as Record<Who, number>;

export const get = (url: string) => (): InjectOptions => ({ method: "GET", url });

/** A form post, as a browser sends it (the caller's CSRF token is added by the test). */
export const form = (url: string, fields: Record<string, string> = {}): InjectOptions => ({
  method: "POST",
  url,
  headers: { "content-type": "application/x-www-form-urlencoded" },
  payload: new URLSearchParams(fields).toString(),
});

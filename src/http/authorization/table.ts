import type { InjectOptions } from "fastify";
import { ROLES, type Role } from "../../core/access/roles.js";
import type { Account } from "../../core/accounts/account.model.js";
import type { Fixtures } from "./fixtures.js";

/**
 * The shape of the authorization table (see authorization.test.ts): for each route, a request
 * that is well formed for the caller, and the status each kind of caller gets.
 */
export type Who = "public" | Role;
export const WHO: readonly Who[] = ["public", ...ROLES];

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
    WHO.map((w) => [w, w === "public" ? 401 : ROLES.indexOf(w) >= ROLES.indexOf(role) ? status : 403]),
  ) as Record<Who, number>;

export const get = (url: string) => (): InjectOptions => ({ method: "GET", url });

/** A form post, as a browser sends it (the caller's CSRF token is added by the test). */
export const form = (url: string, fields: Record<string, string> = {}): InjectOptions => ({
  method: "POST",
  url,
  headers: { "content-type": "application/x-www-form-urlencoded" },
  payload: new URLSearchParams(fields).toString(),
});

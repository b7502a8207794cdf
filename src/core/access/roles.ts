/**
 * Who may do what. Roles are ordered by what they may do: each includes the ones before it.
 * The public (not signed in) reads published data only.
 */
export const ROLES = ["viewer", "action_owner", "plan_manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What a route requires: anyone ("public"), or a signed-in account with at least this role. */
export type Access = "public" | Role;

/** The account (or token) behind a request. */
export interface Principal {
  accountId: string;
  email: string;
  role: Role;
  /** Set when the request came with a personal access token rather than a session. */
  tokenScope?: "read" | "write";
  /** The access token's public id, when the request came with one. */
  tokenId?: string;
  /** The session's id (the hash of its token), when the request came with a session cookie. */
  sessionId?: string;
  /** After a reset by an administrator: the session may only change the password or sign out. */
  mustChangePassword?: boolean;
}

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

/** True when the principal's role is at least the one required. */
export function allows(principal: Principal | null, access: Access): boolean {
  if (access === "public") return true;
  if (!principal) return false;
  return roleRank(principal.role) >= roleRank(access);
}

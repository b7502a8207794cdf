/**
 * Who may do what. Staff roles are ordered by what they may do: each includes the ones before it.
 * The public (not signed in) reads published data only.
 *
 * A company member (an account a firm uses to keep its own profile) is deliberately outside that
 * ordering: it is not "below viewer" but beside it. It passes only routes whose access names it
 * ("company_member"), and only for its own company (the route checks `principal.companyId`).
 * Staff roles never become it and it never becomes a staff role (core/accounts refuses both).
 */
export const ROLES = ["viewer", "action_owner", "plan_manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const COMPANY_MEMBER = "company_member";
/** What an account is: a staff role, or a member of one company. */
export type AccountRole = Role | typeof COMPANY_MEMBER;

/**
 * What a route requires: anyone ("public"), a signed-in staff account with at least this role,
 * or a company member (the route then checks that the company is the member's own).
 */
export type Access = "public" | Role | typeof COMPANY_MEMBER;

/** The account (or token) behind a request. */
export interface Principal {
  accountId: string;
  email: string;
  role: AccountRole;
  /** For a company member: the one company it may act for. Never set for staff. */
  companyId?: string;
  /** Set when the request came with a personal access token rather than a session. */
  tokenScope?: "read" | "write";
  /** The access token's public id, when the request came with one. */
  tokenId?: string;
  /** The session's id (the hash of its token), when the request came with a session cookie. */
  sessionId?: string;
  /** After a reset by an administrator: the session may only change the password or sign out. */
  mustChangePassword?: boolean;
}

/** A staff role's place in the ordering; -1 for a company member, so every staff check fails closed. */
export function roleRank(role: AccountRole): number {
  return role === COMPANY_MEMBER ? -1 : ROLES.indexOf(role);
}

export function isStaffRole(role: AccountRole): role is Role {
  return role !== COMPANY_MEMBER;
}

/** True when the principal's role is at least the one required (or is the company member it names). */
export function allows(principal: Principal | null, access: Access): boolean {
  if (access === "public") return true;
  if (!principal) return false;
  if (access === COMPANY_MEMBER)
    return principal.role === COMPANY_MEMBER && principal.companyId !== undefined;
  return isStaffRole(principal.role) && roleRank(principal.role) >= roleRank(access);
}

/**
 * True when the principal is a member of this company. The one check every company-member route
 * makes after `allows(principal, "company_member")`.
 *
 * @example
 * if (!isMemberOf(principal, companyId)) throw notFound(`company ${companyId}`);
 */
export function isMemberOf(principal: Principal | null, companyId: string): boolean {
  return principal?.role === COMPANY_MEMBER && principal.companyId === companyId;
}

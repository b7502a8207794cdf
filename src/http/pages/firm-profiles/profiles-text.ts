import type { PageContext } from "../context.js";
import { profilesEn } from "./profiles.en.js";
import { profilesJa, type ProfilesMessages } from "./profiles.ja.js";

export function profilesText(ctx: PageContext): ProfilesMessages {
  return ctx.lang === "en" ? profilesEn : profilesJa;
}

/** Stable URLs of the firm-profile and company-management pages. */
export const profileUrls = {
  myCompany: () => "/my-company",
  invitation: (token: string) => `/invitations/${encodeURIComponent(token)}`,
  claim: (slug: string, id: string) =>
    `/companies/${encodeURIComponent(slug)}/firms/${encodeURIComponent(id)}/claim`,
  companies: () => "/staff/companies",
  newCompany: () => "/staff/companies/new",
  company: (id: string) => `/staff/companies/${encodeURIComponent(id)}`,
  invite: (id: string) => `/staff/companies/${encodeURIComponent(id)}/invitations`,
  changes: () => "/staff/company-changes",
  change: (id: string) => `/staff/company-changes/${encodeURIComponent(id)}`,
  approveChange: (id: string) => `/staff/company-changes/${encodeURIComponent(id)}/approve`,
  rejectChange: (id: string) => `/staff/company-changes/${encodeURIComponent(id)}/reject`,
  claims: () => "/staff/company-claims",
  approveClaim: (id: string) => `/staff/company-claims/${encodeURIComponent(id)}/approve`,
  rejectClaim: (id: string) => `/staff/company-claims/${encodeURIComponent(id)}/reject`,
};

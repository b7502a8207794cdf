import type { FastifyReply, FastifyRequest } from "fastify";
import type { PlanCache } from "../../../core/plan/plan.cache.js";
import type { PlanDocument } from "../../../core/plan/plan.schema.js";
import { notFound } from "../../../core/errors.js";
import type { OwnsAction } from "../../../core/review/review.permissions.js";
import { planIdSchema } from "../../../core/plan/plan.schema.js";
import type { AccountPageDeps } from "../account/account-context.js";
import type { PageContext } from "../context.js";
import { reviewStaffEn } from "../i18n/review-staff.en.js";
import { reviewStaffJa, type ReviewStaffMessages } from "../i18n/review-staff.ja.js";

export interface StaffPageDeps extends AccountPageDeps {
  plans: PlanCache;
  owns: OwnsAction;
  /** REVIEW_REMINDER_DAYS, for the reminders' explanation. */
  reminderDays?: readonly number[];
}

export function staffText(ctx: PageContext): ReviewStaffMessages {
  return ctx.lang === "en" ? reviewStaffEn : reviewStaffJa;
}

const plan = (planId: string) => `/plans/${encodeURIComponent(planId)}`;

/** The staff pages' URLs (stable: the dashboard, the form and the notices link to them). */
export const staffUrls = {
  reviews: (planId: string) => `${plan(planId)}/reviews`,
  cycle: (planId: string, fy: number, query?: Record<string, string>) =>
    `${plan(planId)}/reviews/${fy}${query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : ""}`,
  cycleStep: (planId: string, fy: number, step: "copy-forward" | "publish" | "close") =>
    `${plan(planId)}/reviews/${fy}/${step}`,
  review: (planId: string, fy: number, n: number) => `${plan(planId)}/reviews/${fy}/actions/${n}`,
  reviewStep: (planId: string, fy: number, n: number, step: "submit" | "approve" | "return" | "reopen") =>
    `${plan(planId)}/reviews/${fy}/actions/${n}/${step}`,
  restore: (planId: string, n: number, version?: number) =>
    `${plan(planId)}/actions/${n}/restore${version ? `?version=${version}` : ""}`,
  proposals: (planId: string, status?: string) =>
    `${plan(planId)}/indicator-proposals${status ? `?status=${status}` : ""}`,
  proposal: (planId: string, id: string) => `${plan(planId)}/indicator-proposals/${encodeURIComponent(id)}`,
  proposalStep: (planId: string, id: string, step: "accept" | "reject") =>
    `${plan(planId)}/indicator-proposals/${encodeURIComponent(id)}/${step}`,
};

/** The plan of a staff page's URL, or a 404 the page's error handler shows. */
export async function planOf(deps: StaffPageDeps, planId: string): Promise<PlanDocument> {
  const id = planIdSchema.safeParse(planId);
  const entry = id.success ? await deps.plans.get(id.data) : undefined;
  if (!entry) throw notFound(`plan "${planId}"`);
  return entry.doc;
}

/** A fiscal year or action number of a URL: a positive whole number, else a 404. */
export function wholeNumber(raw: string, what: string): number {
  if (!/^[1-9]\d{0,6}$/.test(raw)) throw notFound(`${what} "${raw}"`);
  return Number(raw);
}

/** The `done` query value of a page after a redirect, if it is one the page knows. */
export function doneOf(request: FastifyRequest): string | undefined {
  const v = (request.query as Record<string, unknown> | undefined)?.done;
  return typeof v === "string" ? v : undefined;
}

export type Reply = FastifyReply;

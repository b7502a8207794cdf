import { z } from "zod";
import { sourceDecisionSchema } from "../indicator-sources/binding.schema.js";

const quantity = z.number().finite().min(-1e15).max(1e15);
const MAX_TEXT = 20_000;

/** What an action's review for one fiscal year holds while it is being written. */
export const reviewContentSchema = z
  .strictObject({
    results: z.string().max(MAX_TEXT).meta({ description: "実績: what the action did this fiscal year" }),
    challenges: z
      .array(z.string().trim().min(1, "must not be empty").max(MAX_TEXT))
      .max(200)
      .meta({ description: "課題, one per item" }),
    grade: z.string().max(4).nullable().meta({ description: "評価: a grade code of the plan's scales" }),
    direction: z.string().max(31).nullable().meta({ description: "今後の方向性: a direction code" }),
    analysis: z.string().max(MAX_TEXT).meta({ description: "分析" }),
    indicators: z
      .array(
        z.strictObject({
          code: z.string().min(1).max(20),
          target: quantity.nullable(),
          actual: quantity.nullable(),
          fromSource: sourceDecisionSchema.optional().meta({
            description: "For an indicator bound to a source: the computed actual accepted or overridden",
          }),
        }),
      )
      .max(50)
      .meta({ description: "Target and actual of the action's indicators for this fiscal year" }),
  })
  .meta({ id: "ReviewContent" });

export type ReviewContent = z.output<typeof reviewContentSchema>;

export const EMPTY_CONTENT: ReviewContent = {
  results: "",
  challenges: [],
  grade: null,
  direction: null,
  analysis: "",
  indicators: [],
};

export const REVIEW_STATUSES = [
  "not_started",
  "draft",
  "submitted",
  "returned",
  "approved",
  "published",
] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface ActionReview {
  planId: string;
  actionNumber: number;
  fiscalYear: number;
  status: ReviewStatus;
  content: ReviewContent;
  version: number;
  updatedAt: string;
  updatedBy: string;
  submittedAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  returnComment: string | null;
  publishedAt: string | null;
}

export const cycleInputSchema = z
  .strictObject({
    fiscalYear: z.number().int().min(1900).max(2200),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be an ISO date"),
    deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be an ISO date"),
  })
  .meta({ id: "ReviewCycleInput" });

export interface ReviewCycle {
  planId: string;
  fiscalYear: number;
  asOf: string;
  deadline: string;
  status: "open" | "closed";
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
}

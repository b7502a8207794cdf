import { z } from "zod";

/** Evaluation grades, directions and rating rules: configurable per plan, with these defaults. */
export const gradeSchema = z.strictObject({
  code: z.string().regex(/^[0-9A-Za-z]{1,4}$/, "must be 1–4 letters or digits"),
  label: z.string().min(1).max(40),
  meaning: z.string().max(300),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #1a7f37"),
});

export const directionSchema = z.strictObject({
  code: z.string().regex(/^[a-z][a-z-]{0,30}$/, "must be lower-case letters and hyphens"),
  label: z.string().min(1).max(40),
  meaning: z.string().max(300),
});

export const ratingRulesSchema = z
  .strictObject({
    onTrackAt: z.number().min(0).max(1000).meta({ description: "On track at this % of target or more" }),
    slightlyBehindAt: z
      .number()
      .min(0)
      .max(1000)
      .meta({ description: "Slightly behind from this %; behind below it" }),
  })
  .refine((r) => r.slightlyBehindAt <= r.onTrackAt, {
    message: "slightlyBehindAt must not exceed onTrackAt",
    path: ["slightlyBehindAt"],
  });

export const scalesSchema = z
  .strictObject({
    grades: z.array(gradeSchema).min(2).max(10),
    directions: z.array(directionSchema).min(2).max(15),
    rating: ratingRulesSchema,
  })
  .superRefine((s, ctx) => {
    for (const key of ["grades", "directions"] as const) {
      const seen = new Set<string>();
      s[key].forEach((item, i) => {
        if (seen.has(item.code))
          ctx.addIssue({ code: "custom", path: [key, i, "code"], message: `duplicate code "${item.code}"` });
        seen.add(item.code);
      });
    }
  })
  .meta({ id: "Scales", description: "評価 grades, 今後の方向性 directions and the rating rules of a plan" });

export type Scales = z.output<typeof scalesSchema>;

export const DEFAULT_SCALES: Scales = {
  grades: [
    { code: "A", label: "A", meaning: "計画どおり、または計画以上に進んでいる", color: "#197a4b" },
    { code: "B", label: "B", meaning: "概ね計画どおり進んでいる", color: "#0055ad" },
    { code: "C", label: "C", meaning: "計画より遅れている", color: "#a06200" },
    { code: "D", label: "D", meaning: "大幅に遅れている、または実施できていない", color: "#c0001a" },
  ],
  directions: [
    { code: "expand", label: "拡充", meaning: "事業を拡大して進める" },
    { code: "continue", label: "継続", meaning: "現在の内容で継続する" },
    { code: "improve", label: "改善", meaning: "やり方を改善して継続する" },
    { code: "review", label: "見直し", meaning: "内容を見直す" },
    { code: "reduce", label: "縮小", meaning: "規模を縮小する" },
    { code: "abolish", label: "廃止", meaning: "事業を廃止する" },
    { code: "complete", label: "完了", meaning: "目的を達成し完了する" },
  ],
  rating: { onTrackAt: 100, slightlyBehindAt: 80 },
};

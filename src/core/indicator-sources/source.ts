import type { z } from "zod";
import type { Db } from "../plan/plan.repository.js";

/** Words in the interface's two languages. */
export interface Words {
  ja: string;
  en: string;
}

/**
 * What a figure measures over time: a stock read at a date (companies listed at the fiscal
 * year's end), or a flow counted over the fiscal year up to a date (consultations held).
 */
export type SourcePeriod = "at_date" | "fiscal_year";

/** How a figure is made from its records; a rate always states its denominator. */
export type SourceAggregate = { kind: "count" } | { kind: "sum" } | { kind: "rate"; denominator: Words };

/** What a computation is asked for: one municipality, one moment or span, the source's parameters. */
export interface SourceQuery<P> {
  /** 全国地方公共団体コード of the municipality whose records count. */
  municipalityCode: string;
  /** The fiscal year the figure belongs to. */
  fiscalYear: number;
  /** First day of the span counted (flows) — the fiscal year's 1 April. */
  from: string;
  /** The day the figure is read at: the fiscal year's 31 March, or today while it runs. */
  asOf: string;
  params: P;
}

/** Where the records behind a figure can be seen. */
export interface RecordsLink {
  href: string;
  /** Whether anyone may follow it (the portal search); otherwise it is a staff page. */
  public: boolean;
}

/** What a source's computation gives back. */
export interface SourceResult {
  value: number;
  /** Records the figure is made of (companies counted, grants summed, meetings averaged). */
  count: number;
  /** For a rate: what was divided. */
  numerator?: number;
  denominator?: number;
  /**
   * The records this source reads hold nothing at all for the municipality: a 0 then means "not
   * recorded here yet", never "none", and pages say so.
   */
  empty: boolean;
  link: RecordsLink | null;
}

/**
 * A named figure computed from operational records. Contexts define theirs beside their core
 * (`src/core/companies/companies.sources.ts`) and read through their own services, never
 * another context's tables.
 */
export interface IndicatorSource<P = Record<string, unknown>> {
  /** `context.figure`, stable: plans store it in their bindings. */
  id: string;
  /** 社, 件, 円, %, 人 … */
  unit: string;
  name: Words;
  /** What is counted, from which records, at which moment; shown beside every computed value. */
  definition: Words;
  period: SourcePeriod;
  aggregate: SourceAggregate;
  /** The parameters a binding gives (a certification name, a process); `{}` for none. */
  params: z.ZodType<P>;
  /** Each parameter in words, for the staff control and the API listing. */
  paramHelp: Record<string, Words>;
  /**
   * Whether the records keep their past (a history), so a figure can be read at an earlier date.
   * A source that only knows the present answers for today and refuses an ended year.
   */
  readsPast: boolean;
  /** Whether the computed value may be shown to the public (aggregates of public records). */
  publicValue: boolean;
  compute(db: Db, query: SourceQuery<P>): Promise<SourceResult>;
}

/** Keeps a source's parameter type while storing it among others. */
export function defineSource<P>(source: IndicatorSource<P>): IndicatorSource {
  return source as unknown as IndicatorSource;
}

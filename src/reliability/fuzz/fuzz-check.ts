import fc from "fast-check";
import type { Issue } from "../../core/errors.js";
import type { FuzzPool } from "./fuzz-pool.js";
import type { FuzzOutcome } from "./fuzz-target.js";
import {
  fiscalText,
  FORMAT_OF,
  mutate,
  mutations,
  type AnyMutation,
  type BaseFiles,
  type Target,
} from "./fuzz-inputs.js";

/** The error codes an import may refuse a file with; anything else thrown is a defect. */
const REFUSALS = new Set(["validation_failed", "too_large", "unsupported_format"]);

const PLACE = [
  /\b(row|line) \d+/, // a sheet's or a text file's row or line
  /\bcolumn [A-Z]+\b/,
  /\bsheet\b/i,
  /\bbyte \d+/,
  /^action \d+/, // a pasted table's action (and its JSON path)
  /^\(root\)$/,
  /^(format|plan|scales|strategies|measures|actions)($|[.[])/, // a JSON path: actions[3].schedule[0].to
];

/** True when an issue's path names a place of the file (or the file itself, for a whole-file problem). */
export function namesPlace(issue: Issue, source: string): boolean {
  if (issue.path === source || PLACE.some((p) => p.test(issue.path))) return true;
  // A key the format does not know is named by itself, whatever it is.
  return issue.message === "is not a known field" && issue.path !== "";
}

const STACK = /\n\s+at |\bat .+\(.+:\d+:\d+\)/;

/** What is wrong with an outcome: a crash, a hang, a refusal that names no place, a broken round trip. */
export function outcomeProblems(outcome: FuzzOutcome, source: string): string[] {
  switch (outcome.kind) {
    case "crash":
      return [`crashed: ${outcome.name}: ${outcome.message}\n${outcome.stack}`];
    case "hang":
      return [`no answer within ${outcome.ms} ms`];
    case "accepted":
      return outcome.roundTrip ? [`accepted, but ${outcome.roundTrip}`] : [];
    case "refused": {
      if (outcome.code === "property") return [outcome.message];
      const problems: string[] = [];
      if (!REFUSALS.has(outcome.code)) problems.push(`refused with code ${outcome.code}`);
      if (outcome.issues.length === 0) problems.push(`refused without naming a place: ${outcome.message}`);
      for (const issue of outcome.issues.slice(0, 50)) {
        if (!namesPlace(issue, source)) problems.push(`"${issue.path}" names no place (${issue.message})`);
        if (issue.message.trim() === "") problems.push(`"${issue.path}" has an empty message`);
      }
      if (STACK.test(outcome.message) || outcome.issues.some((i) => STACK.test(i.message)))
        problems.push(`a stack trace in the message: ${outcome.message}`);
      return problems;
    }
  }
}

export interface TargetReport {
  target: Target;
  runs: number;
  accepted: number;
  refused: number;
  failures: number;
  /** The first failing case after shrinking, with the seed and path that replay it. */
  counterexample?: { seed: number; path: string | undefined; input: string; problems: string[] };
  seconds: number;
  slowestMs: number;
  /** The input that took longest (time includes the round trip of an accepted file). */
  slowestInput: string;
}

/**
 * Runs a target's property `runs` times (fast-check, replayable with `seed`): every input is
 * imported in the pool's worker, and every outcome must be free of problems.
 */
export async function fuzzTarget(
  pool: FuzzPool,
  target: Target,
  base: BaseFiles,
  options: { runs: number; seed: number },
): Promise<TargetReport> {
  const started = performance.now();
  const counts = { accepted: 0, refused: 0 };
  let slowestMs = 0;
  let slowestInput = "";
  let failing = false;
  const check = async (outcome: FuzzOutcome, source: string, ms: number, input: unknown) => {
    const problems = outcomeProblems(outcome, source);
    if (!failing && problems.length === 0) {
      counts[outcome.kind === "accepted" ? "accepted" : "refused"]++;
      if (ms > slowestMs) [slowestMs, slowestInput] = [ms, fc.stringify(input).slice(0, 500)];
    }
    if (problems.length > 0) {
      failing = true;
      throw new Error(problems.join("\n"));
    }
  };
  const timed = async (run: () => Promise<FuzzOutcome>) => {
    const t = performance.now();
    const outcome = await run();
    return { outcome, ms: performance.now() - t };
  };
  const inputs: fc.Arbitrary<string | AnyMutation[]> = target === "fiscal" ? fiscalText : mutations(target);
  const property = fc.asyncProperty(inputs, async (input) => {
    if (typeof input === "string") {
      const { outcome, ms } = await timed(() => pool.run({ kind: "fiscal", text: input }));
      return check(outcome, input, ms, input);
    }
    if (target === "fiscal") throw new Error("the fiscal-year parser takes text");
    const source = `fuzz.${FORMAT_OF[target]}`;
    const bytes = mutate(target, base[target], input);
    const { outcome, ms } = await timed(() =>
      pool.run({ kind: "import", format: FORMAT_OF[target], source, bytes }),
    );
    return check(outcome, source, ms, input);
  });
  const details = await fc.check(property, {
    numRuns: options.runs,
    seed: options.seed,
    endOnFailure: false,
  });
  const report: TargetReport = {
    target,
    runs: details.failed ? details.numRuns : options.runs,
    ...counts,
    failures: details.failed ? 1 : 0,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    slowestMs: Math.round(slowestMs),
    slowestInput,
  };
  if (details.failed) {
    const error =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    report.counterexample = {
      seed: details.seed,
      path: details.counterexamplePath ?? undefined,
      input: fc.stringify(details.counterexample).slice(0, 2000),
      problems: error.split("\n").slice(0, 10),
    };
  }
  return report;
}

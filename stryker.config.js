// Mutation testing (`npm run mutation`, never part of `npm test`: it is slow). scripts/mutation.js
// runs Stryker once per module (SHINKO_MUTATION_MODULE), mutating that module's files against its
// own tests only, so a score says what the module's tests guard and not what an HTTP test happens
// to touch.

/** Each module: the files Stryker mutates, and its own tests. */
export const MODULES = {
  fiscal: {
    mutate: ["src/core/fiscal/*.ts", "!src/core/fiscal/*.test.ts"],
    tests: ["src/core/fiscal/*.test.ts"],
  },
  rating: { mutate: ["src/core/indicators/rating.ts"], tests: ["src/core/indicators/rating.test.ts"] },
  cells: {
    mutate: ["src/io/cells/*.ts", "!src/io/cells/*.test.ts", "src/io/table/cells.ts"],
    tests: ["src/io/cells/*.test.ts", "src/io/table/cells.test.ts", "src/io/table/parse.test.ts"],
  },
  "plan-rules": { mutate: ["src/core/plan/plan.rules.ts"], tests: ["src/core/plan/plan.rules*.test.ts"] },
  // Copy forward and the permissions it checks: the part of the review whose guards the first
  // mutation run found untested (35.9 %). Quick enough to run on its own.
  "copy-forward": {
    mutate: ["src/core/review/copy-forward.ts", "src/core/review/review.permissions.ts"],
    tests: ["src/core/review/*.test.ts"],
  },
  review: {
    mutate: ["src/core/review/*.ts", "!src/core/review/*.test.ts"],
    tests: ["src/core/review/*.test.ts"],
  },
};

export const REPORTS = "reports/mutation";

const name = process.env.SHINKO_MUTATION_MODULE ?? "review";
const module = MODULES[name];
if (!module) throw new Error(`unknown mutation module ${name}`);

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.config.ts", related: false },
  mutate: module.mutate,
  // Static mutants (in values built when a module loads: regular expressions, marker lists,
  // schemas) are left out. The vitest runner does not load the module afresh for them, so it
  // reports them survived even where the module's tests fail with the change made by hand (the
  // records heading's pattern cut to one character fails 5 tests, yet was "survived"); and each
  // one re-runs every test of the module. docs/mutation.md lists them as ignored.
  ignoreStatic: true,
  testFiles: module.tests,
  coverageAnalysis: "perTest",
  // Two cores are shared with other work: at most two test processes (two modules at once: 1 each).
  concurrency: Number(process.env.SHINKO_MUTATION_CONCURRENCY ?? 2),
  // A re-run tests again only the mutants whose code or covering tests changed.
  incremental: true,
  incrementalFile: `${REPORTS}/${name}.incremental.json`,
  timeoutMS: 30_000,
  reporters: ["clear-text", "progress-append-only", "html", "json"],
  htmlReporter: { fileName: `${REPORTS}/${name}.html` },
  jsonReporter: { fileName: `${REPORTS}/${name}.json` },
  ignorePatterns: ["docs", "bench", "reports", ".ci", "data/*.db*", "/.stryker-tmp"],
  tempDirName: `.stryker-tmp/${name}`,
  cleanTempDir: "always",
  thresholds: { high: 90, low: 80, break: null },
};

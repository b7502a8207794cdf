import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FuzzPool } from "./fuzz-pool.js";
import { fuzzTarget } from "./fuzz-check.js";
import { baseFiles, TARGETS, type BaseFiles } from "./fuzz-inputs.js";

// The reduced fuzz run: tens of mutated inputs per importer, a thousand texts for the fiscal-year parser,
// each within a time bound. `npm run fuzz -- --runs 5000` runs the full one (docs/reliability.md).
const RUNS: Record<(typeof TARGETS)[number], number> = {
  xlsx: 15,
  "csv-utf8": 50,
  "csv-sjis": 40,
  tsv: 40,
  json: 100,
  fiscal: 1000,
};
// A hang is an input that never ends; the bound is wide because other tests share the machine.
const TIME_BOUND_MS = 10_000;
let pool: FuzzPool;
let base: BaseFiles;

beforeAll(async () => {
  [pool, base] = await Promise.all([FuzzPool.start(TIME_BOUND_MS), baseFiles()]);
}, 60_000);
afterAll(async () => pool.close());

describe.each(TARGETS)("fuzzing %s", (target) => {
  it(
    "never crashes or hangs, names the place of every refusal, round-trips what it accepts",
    { timeout: 120_000 },
    async () => {
      const report = await fuzzTarget(pool, target, base, { runs: RUNS[target], seed: 20261123 });
      expect(report.counterexample).toBeUndefined();
      expect(report.accepted + report.refused).toBe(RUNS[target]);
    },
  );
});

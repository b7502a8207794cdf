#!/usr/bin/env node
// `npm test`: finds PostgreSQL (or says in one line that it is absent), then runs every test.
import { spawnSync } from "node:child_process";
import { register } from "tsx/esm/api";

register();
const { postgresAnswers } = await import("../src/db/test-support.ts");

const url = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
const env = { ...process.env };
if (await postgresAnswers(url)) {
  env.SHINKO_TEST_POSTGRES = url;
  console.log(`Testing on SQLite and on PostgreSQL (${new URL(url).host}).`);
} else {
  env.SHINKO_TEST_POSTGRES = "";
  console.log(`PostgreSQL not reachable at ${new URL(url).host}: running the SQLite tests only.`);
}

const result = spawnSync(
  process.execPath,
  ["node_modules/vitest/vitest.mjs", "run", ...process.argv.slice(2)],
  {
    stdio: "inherit",
    env,
  },
);
process.exit(result.status ?? 1);

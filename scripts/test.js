#!/usr/bin/env node
// `npm test`: finds PostgreSQL (or says in one line that it is absent), then runs every test.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
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

// Browser tests drive Debian's Chromium, with Japanese fonts so pages render as people see them,
// and read the printed PDF's text with poppler's pdftotext.
const CHROMIUM = "/usr/bin/chromium";
const CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const PDFTOTEXT = "/usr/bin/pdftotext";
const PACKAGES = ["chromium", "fonts-noto-cjk", "poppler-utils"];
if ([CHROMIUM, CJK_FONT, PDFTOTEXT].some((f) => !existsSync(f)) && process.getuid?.() === 0) {
  console.log(`Installing ${PACKAGES.join(", ")} for the browser tests (apt-get)…`);
  const install = () =>
    spawnSync("apt-get", ["install", "-y", "--no-install-recommends", ...PACKAGES], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    }).status === 0;
  if (!install()) {
    spawnSync("apt-get", ["update"], { stdio: ["ignore", "ignore", "inherit"] });
    install();
  }
}
if (existsSync(CHROMIUM)) {
  env.SHINKO_CHROMIUM = CHROMIUM;
} else {
  env.SHINKO_CHROMIUM = "";
  console.log(
    `Chromium not found at ${CHROMIUM} (and not root, or apt-get failed): browser tests are skipped.`,
  );
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

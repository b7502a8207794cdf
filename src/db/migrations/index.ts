import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-plan-core.js";
import * as m0010 from "./0010-accounts.js";
import * as m0011 from "./0011-audit-log.js";
import * as m0020 from "./0020-review.js";
import * as m0021 from "./0021-plan-counts.js";
import * as m0022 from "./0022-plan-grams.js";
import * as m0030 from "./0030-companies.js";
import * as m0035 from "./0035-company-members.js";
import * as m0040 from "./0040-versions.js";
import * as m0050 from "./0050-company-grams.js";

/** Every migration, in order. Add new ones here; never edit one that has shipped. */
const migrations: Record<string, Migration> = {
  "0001-plan-core": m0001,
  "0010-accounts": m0010,
  "0011-audit-log": m0011,
  "0020-review": m0020,
  "0021-plan-counts": m0021,
  "0022-plan-grams": m0022,
  "0030-companies": m0030,
  "0035-company-members": m0035,
  "0040-versions": m0040,
  "0050-company-grams": m0050,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

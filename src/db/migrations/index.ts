import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-plan-core.js";
import * as m0020 from "./0020-review.js";

/** Every migration, in order. Add new ones here; never edit one that has shipped. */
const migrations: Record<string, Migration> = {
  "0001-plan-core": m0001,
  "0020-review": m0020,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

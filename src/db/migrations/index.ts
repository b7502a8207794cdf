import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-plan-core.js";

/** Every migration, in order. Add new ones here; never edit one that has shipped. */
const migrations: Record<string, Migration> = {
  "0001-plan-core": m0001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

import type { Config } from "../../config.js";
import type { DatabaseHandle } from "../../db/connection.js";
import type { Io } from "../output.js";

export interface CommandContext {
  config: Config;
  io: Io;
  /** Opens (and migrates) the database named by DATABASE_URL. */
  openDatabase(): Promise<DatabaseHandle>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Lines of help under the usage line. */
  help: string[];
  run(argv: string[], ctx: CommandContext): Promise<number>;
}

/** Runs fn with an open database and closes it whatever happens. */
export async function withDatabase<T>(
  ctx: CommandContext,
  fn: (handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const handle = await ctx.openDatabase();
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

import { z } from "zod";

const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(3000),
  host: z.string().min(1).default("127.0.0.1"),
  databaseUrl: z.string().min(1).default("data/shinko.db"),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Largest request body accepted, in bytes (uploads of plans and spreadsheets). */
  bodyLimit: z.coerce
    .number()
    .int()
    .min(1_024)
    .default(20 * 1024 * 1024),
});

export type Config = Readonly<z.output<typeof configSchema>>;

/**
 * The one validated, frozen configuration, read from the environment. Fails at start with the
 * name of the variable when a value is wrong.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const names: Record<string, string> = {
    port: "PORT",
    host: "HOST",
    databaseUrl: "DATABASE_URL",
    logLevel: "LOG_LEVEL",
    bodyLimit: "BODY_LIMIT",
  };
  const blankToUndefined = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);
  const result = configSchema.safeParse({
    port: blankToUndefined(env.PORT),
    host: blankToUndefined(env.HOST),
    databaseUrl: blankToUndefined(env.DATABASE_URL),
    logLevel: blankToUndefined(env.LOG_LEVEL),
    bodyLimit: blankToUndefined(env.BODY_LIMIT),
  });
  if (!result.success) {
    const problems = result.error.issues.map(
      (i) => `${names[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`,
    );
    throw new Error(`invalid configuration: ${problems.join("; ")}`);
  }
  return Object.freeze(result.data);
}

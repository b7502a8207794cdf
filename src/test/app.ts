import type { FastifyInstance } from "fastify";
import { loadConfig } from "../config.js";
import type { Clock } from "../core/clock.js";
import { createApp } from "../http/app.js";
import type { TestDatabase } from "./databases.js";

/** The app wired to a test database, quiet, for `app.inject`. */
export async function testApp(
  t: TestDatabase,
  options: { env?: NodeJS.ProcessEnv; clock?: Clock } = {},
): Promise<FastifyInstance> {
  const config = loadConfig({ LOG_LEVEL: "silent", DATABASE_URL: t.url, ...options.env });
  const app = await createApp({ config, db: t.db, ...(options.clock ? { clock: options.clock } : {}) });
  await app.ready();
  return app;
}

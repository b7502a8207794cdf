import type { FastifyInstance } from "fastify";
import { loadConfig } from "../config.js";
import { createApp } from "../http/app.js";
import type { TestDatabase } from "./databases.js";

/** The app wired to a test database, quiet, for `app.inject`. */
export async function testApp(t: TestDatabase): Promise<FastifyInstance> {
  const config = loadConfig({ LOG_LEVEL: "silent", DATABASE_URL: t.url });
  const app = await createApp({ config, db: t.db });
  await app.ready();
  return app;
}

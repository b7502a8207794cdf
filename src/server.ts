import type { FastifyInstance } from "fastify";
import type { Config } from "./config.js";
import { createApp } from "./http/app.js";
import type { Db } from "./core/plan/plan.repository.js";

/** Listens on the configured port; nothing else. Returns the address it listens on. */
export async function listen(app: FastifyInstance, config: Config): Promise<string> {
  return app.listen({ port: config.port, host: config.host });
}

export async function startServer(
  config: Config,
  db: Db,
): Promise<{ app: FastifyInstance; address: string }> {
  const app = await createApp({ config, db });
  const address = await listen(app, config);
  return { app, address };
}

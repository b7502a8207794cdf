import type { FastifyInstance } from "fastify";
import { ROLES, type Role } from "../core/access/roles.js";
import { loadConfig } from "../config.js";
import { createApp, type AppDeps } from "../http/app.js";
import type { TestDatabase } from "./databases.js";

/** The app wired to a test database, quiet, for `app.inject`. */
export async function testApp(t: TestDatabase, deps: Partial<AppDeps> = {}): Promise<FastifyInstance> {
  const config = loadConfig({ LOG_LEVEL: "silent", DATABASE_URL: t.url });
  const app = await createApp({ config, db: t.db, ...deps });
  await app.ready();
  return app;
}

/**
 * For API tests of features other than sign-in: a request names its account in the
 * `x-test-account` header as "role email". Only tests wire this; the app's real authentication
 * is tested on its own.
 */
export const testAuthenticate: NonNullable<AppDeps["authenticate"]> = async (request) => {
  const header = request.headers["x-test-account"];
  if (typeof header !== "string") return null;
  const [role, email] = header.split(" ");
  if (!ROLES.includes(role as Role) || !email) return null;
  return { accountId: email, email, role: role as Role };
};

export const as = (role: Role, email = `${role}@city.example`) => ({ "x-test-account": `${role} ${email}` });

import { readFile } from "node:fs/promises";
import { createSetupToken } from "../../core/accounts/setup.service.js";
import { deleteExpiredSessions } from "../../core/accounts/session.service.js";
import { seedIfEmpty } from "../../core/plan/plan.seed.js";
import { startBackground } from "../../background.js";
import { sessionPolicyOf } from "../../http/app.js";
import { startServer } from "../../server.js";
import { parseCommandArgs } from "../args.js";
import { EXIT, print, UsageError } from "../output.js";
import type { Command } from "./command.js";

/** The plan loaded into an empty database on first start. */
export const DEFAULT_PLAN_FILE = new URL("../../../data/plans/kadoma.json", import.meta.url);

export const serveCommand: Command = {
  name: "serve",
  summary: "Run the web server (loads Kadoma's plan into an empty database)",
  usage: "shinko serve [--port N] [--host H]",
  help: [
    "Serves the web pages and the API on PORT (default 3000) and HOST (default 127.0.0.1).",
    "When the database holds no plan, it first loads data/plans/kadoma.json.",
    "SIGTERM or Ctrl-C stops accepting connections, finishes requests in flight and closes the database;",
    "after SHUTDOWN_TIMEOUT seconds (default 10) it exits anyway with code 70.",
    "It also runs background jobs (mail delivery, review reminders; JOBS=off for a web-only server);",
    "without SMTP_HOST, mails are written to the log. See docs/mail-and-jobs.md.",
  ],
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { port: { type: "string" }, host: { type: "string" } },
      "serve",
    );
    if (positionals.length > 0) throw new UsageError(`serve: unexpected argument "${positionals[0]}"`);
    let port = ctx.config.port;
    if (values.port !== undefined) {
      port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535)
        throw new UsageError(`serve: --port must be 0–65535`);
    }
    const config = { ...ctx.config, port, host: values.host ?? ctx.config.host };

    const handle = await ctx.openDatabase();
    try {
      const seeded = await seedIfEmpty(
        handle.db,
        async () => JSON.parse(await readFile(DEFAULT_PLAN_FILE, "utf8")) as unknown,
      );
      if (seeded) {
        print(
          ctx.io.stdout,
          `Loaded plan "${seeded.planId}" (${seeded.counts.actions} actions) into the empty database.`,
        );
      }
      await deleteExpiredSessions(handle.db, sessionPolicyOf(config));
      const { app, address } = await startServer(config, handle.db);
      // Background jobs (mail delivery, review reminders) run beside the web server; JOBS=off
      // makes a web-only server that still enqueues.
      const background = await startBackground({ config, handle, log: app.log });
      const setup = await createSetupToken(handle.db);
      // The signal handlers go in before the "serving" line: whoever waits for that line may stop
      // the server at once, and a SIGTERM that arrived before them would kill the process outright.
      const stopped = new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          print(ctx.io.stdout, `${signal}: finishing requests in flight, then stopping.`);
          const seconds = config.shutdownTimeoutSeconds;
          const timer = setTimeout(() => {
            print(
              ctx.io.stderr,
              `shutdown: requests still in flight after ${seconds} s (SHUTDOWN_TIMEOUT); exiting.`,
            );
            process.exit(EXIT.fault);
          }, seconds * 1000);
          timer.unref();
          // Stop taking requests first, then let running jobs finish (pg-boss waits for them).
          void app
            .close()
            .then(() => background.stop())
            .catch((error: unknown) => print(ctx.io.stderr, `shutdown: ${String(error)}`))
            .finally(resolve);
        };
        process.once("SIGTERM", () => stop("SIGTERM"));
        process.once("SIGINT", () => stop("SIGINT"));
      });
      print(ctx.io.stdout, `shinko is serving ${address} (database: ${handle.dialect} ${handle.location})`);
      print(
        ctx.io.stdout,
        `Jobs: ${config.jobs === "on" ? background.jobs.description : "off (JOBS=off)"}; mail: ${background.transport.description}`,
      );
      if (setup) {
        // No account exists: print a one-time way in (never a default password).
        print(ctx.io.stdout, "No account exists yet. Create the first administrator with this one-time link");
        print(ctx.io.stdout, `(valid until ${setup.expiresAt}, once):`);
        print(ctx.io.stdout, `  ${address}/setup?token=${setup.token}`);
        print(ctx.io.stdout, "or at the server's shell: shinko user add --role admin --email you@example.jp");
      }
      await stopped;
    } finally {
      await handle.close();
    }
    return EXIT.ok;
  },
};

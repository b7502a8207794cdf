import { loadConfig, type Config } from "../config.js";
import { openDatabase } from "../db/connection.js";
import type { Command, CommandContext } from "./commands/command.js";
import { auditCommand } from "./commands/audit.command.js";
import { backupCommand } from "./commands/backup.command.js";
import { companiesCommand } from "./commands/companies.command.js";
import { demoCommand } from "./commands/demo.command.js";
import { exportCommand } from "./commands/export.command.js";
import { importCommand } from "./commands/import.command.js";
import { plansCommand } from "./commands/plans.command.js";
import { restoreCommand } from "./commands/restore.command.js";
import { serveCommand } from "./commands/serve.command.js";
import { tokenCommand } from "./commands/token.command.js";
import { userCommand } from "./commands/user.command.js";
import { EXIT, print, reportError, UsageError, type Io } from "./output.js";

export const COMMANDS: readonly Command[] = [
  serveCommand,
  plansCommand,
  importCommand,
  exportCommand,
  userCommand,
  tokenCommand,
  auditCommand,
  backupCommand,
  restoreCommand,
  companiesCommand,
  demoCommand,
];

function mainHelp(io: Io): void {
  print(io.stdout, "shinko: a city's industrial promotion action plan as living data");
  print(io.stdout);
  print(io.stdout, "Usage: shinko <command> [options]");
  print(io.stdout);
  print(io.stdout, "Commands:");
  for (const c of COMMANDS) print(io.stdout, `  ${c.name.padEnd(8)} ${c.summary}`);
  print(io.stdout);
  print(io.stdout, "Environment:");
  print(
    io.stdout,
    "  DATABASE_URL  a postgres:// URL, or the path of a SQLite file (default data/shinko.db)",
  );
  print(io.stdout, "  PORT, HOST    where `serve` listens (default 3000, 127.0.0.1)");
  print(io.stdout);
  print(io.stdout, "Run 'shinko <command> --help' for a command's options.");
}

function commandHelp(io: Io, c: Command): void {
  print(io.stdout, `Usage: ${c.usage}`);
  print(io.stdout);
  print(io.stdout, c.summary);
  for (const line of c.help) print(io.stdout, `  ${line}`);
}

/**
 * Runs the CLI and returns the exit code (the caller sets it), so tests can run commands
 * in-process.
 */
export async function runCli(
  argv: string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      const topic = name === "help" ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
      if (topic) commandHelp(io, topic);
      else mainHelp(io);
      return EXIT.ok;
    }
    if (name === "--version" || name === "-v") {
      print(io.stdout, "shinko 0.1.0");
      return EXIT.ok;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command "${name}"`);
    if (rest.includes("--help") || rest.includes("-h")) {
      commandHelp(io, command);
      return EXIT.ok;
    }
    let config: Config;
    try {
      config = loadConfig(env);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const ctx: CommandContext = { config, io, openDatabase: () => openDatabase(config.databaseUrl) };
    return await command.run(rest, ctx);
  } catch (error) {
    return reportError(io, error);
  }
}

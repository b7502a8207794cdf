import { runCli } from "./main.js";

// The executable's entry: the exit code is set, not forced, so output is flushed first.
process.exitCode = await runCli(process.argv.slice(2));

// A worker thread starts without the main thread's TypeScript loader (tsx): register it, then
// run the worker itself. Started by parse-in-worker.ts.
import { register } from "tsx/esm/api";

register();
await import("./parse-worker.ts");

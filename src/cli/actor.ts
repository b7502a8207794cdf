import { userInfo } from "node:os";
import { systemActor, type AuditActor } from "../core/audit/audit.js";

/**
 * Who acts when someone runs the CLI: the operating-system user at the server's shell (which can
 * do anything the database allows anyway). The audit log shows "cli:<user>".
 */
export function cliActor(): AuditActor {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    name = process.env.USER ?? process.env.USERNAME ?? "unknown";
  }
  return systemActor(`cli:${name}`);
}

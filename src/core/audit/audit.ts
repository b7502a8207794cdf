import { randomBytes } from "node:crypto";
import type { Principal } from "../access/roles.js";
import { systemClock, type Clock } from "../clock.js";
import { validationError } from "../errors.js";
import type { Db } from "../plan/plan.repository.js";

/** Who did it: a signed-in account (or its access token), or the system (the CLI, a setup link). */
export type AuditActor = { accountId: string; label: string } | { accountId: null; label: string };

export interface AuditEvent {
  /**
   * What happened, as `area.verb`: `sign_in.succeeded`, `account.role_changed`, `plan.imported`.
   * docs/security.md lists the kinds in use; add yours there.
   */
  kind: string;
  actor: AuditActor;
  /** What it happened to: `{ type: "account", id }`, `{ type: "action", id: "kadoma/12" }`. */
  subject?: { type: string; id: string } | undefined;
  /** The client's address, when the event came through HTTP. */
  ip?: string | null | undefined;
  /** Facts a reader needs (before/after values, counts). Never passwords or tokens. */
  details?: Record<string, unknown> | undefined;
}

export interface AuditEntry {
  id: string;
  at: string;
  kind: string;
  actor: { id: string | null; label: string };
  ip: string | null;
  subject: { type: string; id: string } | null;
  details: Record<string, unknown>;
}

/**
 * The kinds the accounts and security code records. Other features record their own kinds
 * (plan.imported, review.approved …) through {@link recordAudit}; docs/security.md lists them all.
 */
export const ACCOUNT_AUDIT_KINDS = [
  "setup.completed",
  "sign_in.succeeded",
  "sign_in.failed",
  "sign_in.locked",
  "sign_out.session",
  "sign_out.everywhere",
  "account.created",
  "account.updated",
  "account.role_changed",
  "account.disabled",
  "account.enabled",
  "account.password_changed",
  "account.password_reset",
  "token.created",
  "token.revoked",
  "assignment.added",
  "assignment.removed",
  "audit.exported",
] as const;

export const AUDIT_KIND_PATTERN = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/;
const MAX_DETAILS_BYTES = 16 * 1024;

/** The actor for an event caused through HTTP by this principal. */
export function actorOf(principal: Principal): AuditActor {
  return {
    accountId: principal.accountId,
    label: principal.tokenId ? `${principal.email} (token ${principal.tokenId})` : principal.email,
  };
}

/** The actor for something the system did on its own or an operator did at the server's shell. */
export function systemActor(label: string): AuditActor {
  return { accountId: null, label };
}

let lastMillis = 0;
let sequence = 0;

/** Ids that sort in the order entries were written by this process (time, then a counter). */
function newAuditId(at: Date): string {
  const ms = at.getTime();
  sequence = ms === lastMillis ? sequence + 1 : 0;
  lastMillis = ms;
  return `${ms.toString(36).padStart(9, "0")}${sequence.toString(36).padStart(3, "0")}${randomBytes(5).toString("hex")}`;
}

/**
 * Appends one event to the audit log. Call it with the same transaction as the change it records,
 * so that both are written or neither. The log has no update or delete path, and the database
 * refuses both (migration 0011).
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await savePlan(trx, doc);
 *   await recordAudit(trx, {
 *     kind: "plan.imported",
 *     actor: actorOf(principal),
 *     subject: { type: "plan", id: doc.plan.id },
 *     details: { actions: doc.actions.length },
 *   });
 * });
 */
export async function recordAudit(
  db: Db,
  event: AuditEvent,
  clock: Clock = systemClock,
): Promise<AuditEntry> {
  if (!AUDIT_KIND_PATTERN.test(event.kind)) {
    throw validationError([{ path: "kind", message: `"${event.kind}" is not of the form area.verb` }]);
  }
  const details = JSON.stringify(event.details ?? {});
  if (Buffer.byteLength(details) > MAX_DETAILS_BYTES) {
    throw validationError([
      { path: "details", message: `must be at most ${MAX_DETAILS_BYTES} bytes of JSON` },
    ]);
  }
  const at = clock.now();
  const row = {
    id: newAuditId(at),
    at: at.toISOString(),
    kind: event.kind,
    actor_id: event.actor.accountId,
    actor_label: event.actor.label.slice(0, 320),
    ip: event.ip ?? null,
    subject_type: event.subject?.type ?? null,
    subject_id: event.subject?.id ?? null,
    details,
  };
  await db.insertInto("audit_log").values(row).execute();
  return toAuditEntry(row);
}

export function toAuditEntry(row: {
  id: string;
  at: string;
  kind: string;
  actor_id: string | null;
  actor_label: string;
  ip: string | null;
  subject_type: string | null;
  subject_id: string | null;
  details: string;
}): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    kind: row.kind,
    actor: { id: row.actor_id, label: row.actor_label },
    ip: row.ip,
    subject:
      row.subject_type !== null && row.subject_id !== null
        ? { type: row.subject_type, id: row.subject_id }
        : null,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

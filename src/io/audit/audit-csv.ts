import type { AuditEntry } from "../../core/audit/audit.js";

/** The columns of an audit export, in order. */
export const AUDIT_CSV_COLUMNS = [
  "at",
  "kind",
  "actor",
  "actor_id",
  "ip",
  "subject_type",
  "subject_id",
  "details",
] as const;

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR)
 * gets a leading apostrophe: an audit log holds what strangers typed (the e-mail of a failed
 * sign-in), and opening the export in Excel must not execute it.
 */
export function csvField(value: string | null): string {
  if (value === null) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsvRow(entry: AuditEntry): string {
  return [
    entry.at,
    entry.kind,
    entry.actor.label,
    entry.actor.id,
    entry.ip,
    entry.subject?.type ?? null,
    entry.subject?.id ?? null,
    JSON.stringify(entry.details),
  ]
    .map(csvField)
    .join(",");
}

/**
 * The audit log as CSV text: a UTF-8 byte-order mark (so Excel reads Japanese correctly), a
 * header row, one row per entry, CRLF line ends.
 *
 * @example
 * const csv = await auditCsv(allAudit(db, { kinds: ["sign_in.*"] }));
 */
export async function auditCsv(entries: AsyncIterable<AuditEntry>): Promise<string> {
  const lines = [AUDIT_CSV_COLUMNS.join(",")];
  for await (const entry of entries) lines.push(auditCsvRow(entry));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The audit log as a JSON document. */
export async function auditJson(entries: AsyncIterable<AuditEntry>, filter: unknown): Promise<string> {
  const list: AuditEntry[] = [];
  for await (const entry of entries) list.push(entry);
  return `${JSON.stringify({ format: "shinko-audit/1", filter, entries: list }, null, 2)}\n`;
}

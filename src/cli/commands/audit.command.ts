import { rename, writeFile } from "node:fs/promises";
import { auditFilterSchema, toAuditFilter } from "../../core/audit/audit-filter.js";
import { recordAudit } from "../../core/audit/audit.js";
import { allAudit, listAudit } from "../../core/audit/audit.query.js";
import { DomainError, validationError } from "../../core/errors.js";
import { parseWith } from "../../core/validation.js";
import { auditCsv, auditJson } from "../../io/audit/audit-csv.js";
import { cliActor } from "../actor.js";
import { parseCommandArgs } from "../args.js";
import { EXIT, print, UsageError } from "../output.js";
import { withDatabase, type Command } from "./command.js";

export const auditCommand: Command = {
  name: "audit",
  summary: "Read or export the audit log (sign-ins, account and permission changes, …)",
  usage:
    "shinko audit [--kind K] [--actor A] [--from D] [--to D] [--format text|csv|json] [-o FILE] [--limit N]",
  help: [
    "--kind K     kinds or areas, comma-separated: sign_in.failed,account.*",
    "--actor A    an account's e-mail address or id, or cli:<user>",
    "--from D     from this date (2025-04-01, Japan time) or ISO instant",
    "--to D       up to this date (inclusive) or instant",
    "--format     text (newest first, default), or csv / json (oldest first, the whole match; recorded as an export)",
    "-o FILE      write to FILE instead of standard output",
    "--limit N    lines of text output (default 100)",
  ],
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        kind: { type: "string" },
        actor: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        format: { type: "string", default: "text" },
        output: { type: "string", short: "o" },
        limit: { type: "string" },
      },
      "audit",
    );
    if (positionals.length > 0) throw new UsageError(`audit: unexpected argument "${positionals[0]}"`);
    const format = values.format;
    if (format !== "text" && format !== "csv" && format !== "json") {
      throw new UsageError(`audit: --format ${format} is not supported (text, csv, json)`);
    }
    const limit = values.limit === undefined ? 100 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
      throw new UsageError("audit: --limit must be 1–100000");
    const query = Object.fromEntries(
      (["kind", "actor", "from", "to"] as const)
        .filter((k) => values[k] !== undefined)
        .map((k) => [k, values[k]]),
    );
    let filter;
    try {
      filter = toAuditFilter(parseWith(auditFilterSchema, query));
    } catch (error) {
      // Name the option as typed: --from, not from.
      if (error instanceof DomainError)
        throw validationError(error.issues.map((i) => ({ ...i, path: `--${i.path}` })));
      throw error;
    }

    const text = await withDatabase(ctx, async ({ db }) => {
      if (format === "text") {
        const { total, entries } = await listAudit(db, filter, { limit, offset: 0 });
        const lines = entries.map(
          (e) =>
            `${e.at}\t${e.kind}\t${e.actor.label}\t${e.subject ? `${e.subject.type}:${e.subject.id}` : "-"}\t${e.ip ?? "-"}\t${JSON.stringify(e.details)}`,
        );
        if (total > entries.length)
          lines.push(`… ${total - entries.length} older entries (use --limit or --format csv)`);
        if (total === 0) lines.push("No audit entries match.");
        return `${lines.join("\n")}\n`;
      }
      const body =
        format === "csv"
          ? await auditCsv(allAudit(db, filter))
          : await auditJson(allAudit(db, filter), filter);
      await recordAudit(db, { kind: "audit.exported", actor: cliActor(), details: { format, filter } });
      return body;
    });
    if (values.output === undefined) {
      ctx.io.stdout.write(text);
      return EXIT.ok;
    }
    const temporary = `${values.output}.${process.pid}.tmp`;
    await writeFile(temporary, text, { mode: 0o600 });
    await rename(temporary, values.output);
    print(ctx.io.stderr, `Wrote ${values.output}`);
    return EXIT.ok;
  },
};

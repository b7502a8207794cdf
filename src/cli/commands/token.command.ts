import { getAccountByEmail, listAccounts } from "../../core/accounts/account.service.js";
import {
  createAccessToken,
  findAccessToken,
  listAccessTokens,
  revokeAccessToken,
  type AccessToken,
} from "../../core/accounts/token.service.js";
import { cliActor } from "../actor.js";
import { parseCommandArgs } from "../args.js";
import { EXIT, print, UsageError } from "../output.js";
import { withDatabase, type Command } from "./command.js";

function line(t: AccessToken, email: string): string {
  return `${t.id}\t${email}\t${t.scope}\t${t.status}\texpires ${t.expiresAt}\t${t.name}`;
}

export const tokenCommand: Command = {
  name: "token",
  summary: "Personal access tokens for integrations: create, list, revoke",
  usage:
    "shinko token create --email E --name N --scope read|write [--days 90] | list [--email E] | revoke ID",
  help: [
    "create   prints the token once: store it in the integration's secret store; only its hash is kept",
    "         a read token may only make GET requests; a token acts with its account's role",
    "list     every token (or one account's), never the secrets",
    "revoke   stops a token at once",
  ],
  async run(argv, ctx) {
    const [sub, ...rest] = argv;
    const { values, positionals } = parseCommandArgs(
      rest,
      {
        email: { type: "string" },
        name: { type: "string" },
        scope: { type: "string" },
        days: { type: "string" },
      },
      `token ${sub ?? ""}`.trim(),
    );
    const acting = { actor: cliActor() };
    switch (sub ?? "") {
      case "create": {
        if (positionals.length > 0) throw new UsageError(`token: unexpected argument "${positionals[0]}"`);
        if (!values.email) throw new UsageError("token: give --email");
        const days = values.days === undefined ? 90 : Number(values.days);
        if (!Number.isInteger(days)) throw new UsageError("token: --days must be a whole number");
        const created = await withDatabase(ctx, async ({ db }) => {
          const account = await getAccountByEmail(db, values.email!);
          return createAccessToken(
            db,
            account.id,
            { name: values.name ?? "", scope: (values.scope ?? "") as "read", expiresInDays: days },
            acting,
          );
        });
        print(
          ctx.io.stderr,
          `Created token ${created.token.id} (${created.token.scope}, expires ${created.token.expiresAt}).`,
        );
        print(ctx.io.stderr, "It is shown this once; send it as: Authorization: Bearer <token>");
        print(ctx.io.stdout, created.secret);
        return EXIT.ok;
      }
      case "list": {
        if (positionals.length > 0) throw new UsageError(`token: unexpected argument "${positionals[0]}"`);
        const lines = await withDatabase(ctx, async ({ db }) => {
          const accounts = values.email
            ? [await getAccountByEmail(db, values.email)]
            : await listAccounts(db);
          const out: string[] = [];
          for (const a of accounts)
            for (const t of await listAccessTokens(db, a.id)) out.push(line(t, a.email));
          return out;
        });
        if (lines.length === 0) print(ctx.io.stdout, "No access tokens.");
        for (const l of lines) print(ctx.io.stdout, l);
        return EXIT.ok;
      }
      case "revoke": {
        if (positionals.length !== 1) throw new UsageError("token: give exactly one token ID to revoke");
        const revoked = await withDatabase(ctx, async ({ db }) => {
          const token = await findAccessToken(db, positionals[0]!);
          return revokeAccessToken(db, token.accountId, token.id, acting);
        });
        print(ctx.io.stdout, `Revoked token ${revoked.id} (${revoked.name}).`);
        return EXIT.ok;
      }
      default:
        throw new UsageError(
          sub === undefined
            ? "token: give a subcommand (create, list, revoke)"
            : `token: unknown subcommand "${sub}"`,
        );
    }
  },
};

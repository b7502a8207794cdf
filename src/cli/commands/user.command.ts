import { assignActionOwner, unassignActionOwner } from "../../core/access/action-owners.js";
import { ROLES, type Role } from "../../core/access/roles.js";
import type { Account } from "../../core/accounts/account.model.js";
import {
  createAccount,
  getAccountByEmail,
  listAccounts,
  resetPassword,
  updateAccount,
} from "../../core/accounts/account.service.js";
import { cliActor } from "../actor.js";
import { parseCommandArgs } from "../args.js";
import { newPassword } from "../password-input.js";
import { EXIT, print, UsageError } from "../output.js";
import { withDatabase, type Command, type CommandContext } from "./command.js";

const SUBCOMMANDS = [
  "user add --email E --role R [--name N] [--password-file F] [--temporary]",
  "user list [--json]",
  "user set-role --email E --role R",
  "user reset-password --email E [--password-file F]",
  "user disable --email E   /   user enable --email E",
  "user assign --email E --plan P --action N   /   user unassign …",
];

function role(value: string | undefined): Role {
  if (value === undefined) throw new UsageError(`user: give --role (${ROLES.join(", ")})`);
  if (!(ROLES as readonly string[]).includes(value)) {
    throw new UsageError(`user: --role ${value} is not a role (${ROLES.join(", ")})`);
  }
  return value as Role;
}

function required(value: string | undefined, option: string): string {
  if (value === undefined || value.trim() === "") throw new UsageError(`user: give ${option}`);
  return value;
}

function line(a: Account): string {
  const state = a.disabled ? "disabled" : a.mustChangePassword ? "must change password" : "active";
  return `${a.email}\t${a.role}\t${state}\t${a.displayName}\t${a.lastSignInAt ?? "never signed in"}`;
}

async function run(argv: string[], ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseCommandArgs(
    rest,
    {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      "password-file": { type: "string" },
      temporary: { type: "boolean" },
      json: { type: "boolean" },
      plan: { type: "string" },
      action: { type: "string" },
    },
    `user ${sub ?? ""}`.trim(),
  );
  if (positionals.length > 0) throw new UsageError(`user: unexpected argument "${positionals[0]}"`);
  const acting = { actor: cliActor() };
  const out = (text: string) => print(ctx.io.stdout, text);

  switch (sub ?? "") {
    case "add": {
      const email = required(values.email, "--email");
      const chosen = role(values.role);
      const password = await newPassword(ctx.io, ctx.io.stdin, values["password-file"]);
      const account = await withDatabase(ctx, ({ db }) =>
        createAccount(
          db,
          {
            email,
            role: chosen,
            password,
            displayName: values.name,
            mustChangePassword: values.temporary ?? false,
          },
          acting,
        ),
      );
      out(`Created ${account.email} (${account.role}).`);
      return EXIT.ok;
    }
    case "list": {
      const accounts = await withDatabase(ctx, ({ db }) => listAccounts(db));
      if (values.json) out(JSON.stringify({ accounts }, null, 2));
      else if (accounts.length === 0)
        out("No accounts. Create the first with: shinko user add --role admin --email …");
      else for (const a of accounts) out(line(a));
      return EXIT.ok;
    }
    case "set-role": {
      const email = required(values.email, "--email");
      const chosen = role(values.role);
      const account = await withDatabase(ctx, async ({ db }) =>
        updateAccount(db, (await getAccountByEmail(db, email)).id, { role: chosen }, acting),
      );
      out(`${account.email} is now ${account.role}.`);
      return EXIT.ok;
    }
    case "reset-password": {
      const email = required(values.email, "--email");
      const password = await newPassword(ctx.io, ctx.io.stdin, values["password-file"]);
      const account = await withDatabase(ctx, async ({ db }) =>
        resetPassword(db, (await getAccountByEmail(db, email)).id, password, acting),
      );
      out(
        `Reset the password of ${account.email}: its sessions ended; it must choose a new password at sign-in.`,
      );
      return EXIT.ok;
    }
    case "disable":
    case "enable": {
      const email = required(values.email, "--email");
      const account = await withDatabase(ctx, async ({ db }) =>
        updateAccount(db, (await getAccountByEmail(db, email)).id, { disabled: sub === "disable" }, acting),
      );
      out(
        `${account.email} is ${account.disabled ? "disabled: its sessions ended and its tokens stopped" : "enabled"}.`,
      );
      return EXIT.ok;
    }
    case "assign":
    case "unassign": {
      const email = required(values.email, "--email");
      const planId = required(values.plan, "--plan");
      const actionText = required(values.action, "--action");
      if (!/^[1-9]\d{0,6}$/.test(actionText)) throw new UsageError("user: --action must be an action number");
      const actionNumber = Number(actionText);
      await withDatabase(ctx, async ({ db }) => {
        const accountId = (await getAccountByEmail(db, email)).id;
        const target = { planId, actionNumber, accountId };
        if (sub === "assign") await assignActionOwner(db, target, acting);
        else await unassignActionOwner(db, target, acting);
      });
      out(
        `${email} ${sub === "assign" ? "owns" : "no longer owns"} action ${actionNumber} of plan "${planId}".`,
      );
      return EXIT.ok;
    }
    default:
      throw new UsageError(
        sub === undefined
          ? "user: give a subcommand (add, list, set-role, …)"
          : `user: unknown subcommand "${sub}"`,
      );
  }
}

export const userCommand: Command = {
  name: "user",
  summary: "Manage accounts: add, list, set-role, reset-password, disable, assign actions",
  usage: "shinko user <subcommand> [options]",
  help: [
    ...SUBCOMMANDS,
    "",
    "Roles, each including the ones before it: viewer, action_owner, plan_manager, admin.",
    "Passwords are asked at the terminal without echo, or read from the first line of --password-file;",
    "never given on the command line. --temporary (add) and reset-password make the owner pick a new one.",
  ],
  run,
};

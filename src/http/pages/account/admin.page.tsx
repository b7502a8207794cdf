import type { ActionOwner } from "../../../core/access/action-owners.js";
import { isStaffRole, ROLES, type Role } from "../../../core/access/roles.js";
import type { Account } from "../../../core/accounts/account.model.js";
import type { AccessToken } from "../../../core/accounts/token.service.js";
import type { Issue } from "../../../core/errors.js";
import { urls, type PageContext } from "../context.js";
import type { AccountMessages } from "../i18n/account.ja.js";
import { AccountLayout, CsrfField, ErrorSummary, Field, fieldError, Notice } from "./account-components.js";
import { accountText, accountUrls, dateTime, type Viewer } from "./account-context.js";

function stateOf(a: AccountMessages, account: Account): string {
  if (account.disabled) return a.stateDisabled;
  return account.mustChangePassword ? a.stateMustChange : a.stateActive;
}

function RoleSelect({ a, id, value }: { a: AccountMessages; id: string; value: Role }) {
  return (
    <div class="field">
      <label for={id}>{a.role}</label>
      <select id={id} name="role">
        {ROLES.map((r) => (
          <option key={r} value={r} selected={r === value}>
            {a.roles[r]}
          </option>
        ))}
      </select>
    </div>
  );
}

const CREATE_FIELDS = {
  email: "new-email",
  displayName: "new-name",
  role: "new-role",
  password: "new-password",
};

/** `/admin/accounts`: every account, and a form to create one. */
export function AccountsPage(props: {
  ctx: PageContext;
  viewer: Viewer;
  accounts: Account[];
  issues?: readonly Issue[];
  values?: { email?: string; displayName?: string; role?: string };
}) {
  const { ctx, viewer } = props;
  const a = accountText(ctx);
  const issues = props.issues ?? [];
  const values = props.values ?? {};
  return (
    <AccountLayout ctx={ctx} viewer={viewer} title={a.accountsTitle}>
      <div class="table-scroll" role="region" aria-labelledby="accounts-caption" tabIndex={0}>
        <table class="data-table">
          <caption id="accounts-caption">{a.accountsCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{a.email}</th>
              <th scope="col">{a.displayName}</th>
              <th scope="col">{a.role}</th>
              <th scope="col">{a.state}</th>
              <th scope="col">{a.lastSignIn}</th>
            </tr>
          </thead>
          <tbody>
            {props.accounts.map((account) => (
              <tr key={account.id}>
                <th scope="row">
                  <a href={accountUrls.adminAccount(account.id)}>{account.email}</a>
                </th>
                <td>{account.displayName}</td>
                <td>{a.roles[account.role]}</td>
                <td>{stateOf(a, account)}</td>
                <td>{account.lastSignInAt ? dateTime(ctx, account.lastSignInAt) : a.never}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="create-title">
        <h2 id="create-title">{a.createAccountTitle}</h2>
        <p>{a.createAccountLead}</p>
        <ErrorSummary ctx={ctx} issues={issues} fields={CREATE_FIELDS} />
        <form method="post" action={accountUrls.accounts()} class="account-form">
          <CsrfField viewer={viewer} />
          <Field
            id="new-email"
            name="email"
            label={a.email}
            type="email"
            value={values.email ?? ""}
            required
            error={fieldError(issues, "email")}
          />
          <Field
            id="new-name"
            name="displayName"
            label={a.displayName}
            hint={a.displayNameHint}
            value={values.displayName ?? ""}
            maxLength={100}
            error={fieldError(issues, "displayName")}
          />
          <RoleSelect
            a={a}
            id="new-role"
            value={
              (ROLES as readonly string[]).includes(values.role ?? "")
                ? (values.role as Role)
                : "action_owner"
            }
          />
          <Field
            id="new-password"
            name="password"
            label={a.initialPassword}
            hint={a.passwordHint}
            type="password"
            autocomplete="new-password"
            required
            error={fieldError(issues, "password")}
          />
          <p class="form-submit">
            <button type="submit" class="button">
              {a.create}
            </button>
          </p>
        </form>
      </section>
    </AccountLayout>
  );
}

/** `/admin/accounts/{id}`: one account: role, state, password reset, its tokens and actions. */
export function AdminAccountPage(props: {
  ctx: PageContext;
  viewer: Viewer;
  account: Account;
  tokens: AccessToken[];
  owned: ActionOwner[];
  notice?: string | undefined;
  issues?: readonly Issue[];
}) {
  const { ctx, viewer, account } = props;
  const a = accountText(ctx);
  const issues = props.issues ?? [];
  return (
    <AccountLayout
      ctx={ctx}
      viewer={viewer}
      title={account.email}
      crumbs={[{ label: a.accountsTitle, href: accountUrls.accounts() }]}
    >
      <Notice text={props.notice} />
      <ErrorSummary
        ctx={ctx}
        issues={issues}
        fields={{ displayName: "edit-name", newPassword: "reset-password" }}
      />
      <dl class="facts">
        <div>
          <dt>{a.state}</dt>
          <dd>{stateOf(a, account)}</dd>
        </div>
        <div>
          <dt>{a.lastSignIn}</dt>
          <dd>{account.lastSignInAt ? dateTime(ctx, account.lastSignInAt) : a.never}</dd>
        </div>
      </dl>
      <section aria-labelledby="edit-title">
        <h2 id="edit-title">{a.editAccountTitle}</h2>
        <form method="post" action={accountUrls.adminAccount(account.id)} class="account-form">
          <CsrfField viewer={viewer} />
          <Field
            id="edit-name"
            name="displayName"
            label={a.displayName}
            value={account.displayName}
            maxLength={100}
            required
            error={fieldError(issues, "displayName")}
          />
          {/* A company member's role is fixed: it can neither become staff nor be made one. */}
          {isStaffRole(account.role) ? (
            <RoleSelect a={a} id="edit-role" value={account.role} />
          ) : (
            <p>{a.roles[account.role]}</p>
          )}
          <div class="checkbox">
            <input id="edit-disabled" type="checkbox" name="disabled" value="on" checked={account.disabled} />
            <label for="edit-disabled">{a.disabled}</label>
          </div>
          <p class="form-submit">
            <button type="submit" class="button">
              {a.save}
            </button>
          </p>
        </form>
      </section>
      <section aria-labelledby="reset-title">
        <h2 id="reset-title">{a.resetTitle}</h2>
        <p>{a.resetLead}</p>
        <form method="post" action={accountUrls.adminReset(account.id)} class="account-form">
          <CsrfField viewer={viewer} />
          <Field
            id="reset-password"
            name="newPassword"
            label={a.initialPassword}
            hint={a.passwordHint}
            type="password"
            autocomplete="new-password"
            required
            error={fieldError(issues, "newPassword")}
          />
          <p class="form-submit">
            <button type="submit" class="button">
              {a.resetPassword}
            </button>
          </p>
        </form>
      </section>
      <section aria-labelledby="owned-title">
        <h2 id="owned-title">{a.ownedActionsTitle}</h2>
        {props.owned.length === 0 ? (
          <p>{a.ownedActionsNone}</p>
        ) : (
          <ul>
            {props.owned.map((o) => (
              <li key={`${o.planId}/${o.actionNumber}`}>
                <a href={urls.action(o.planId, o.actionNumber)}>{a.ownedAction(o.planId, o.actionNumber)}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title">{a.tokensTitle}</h2>
        {props.tokens.length === 0 ? (
          <p>{a.tokensNone}</p>
        ) : (
          <ul class="token-list">
            {props.tokens.map((t) => (
              <li key={t.id}>
                {t.name} ・ {t.scope === "write" ? a.scopeWrite : a.scopeRead} ・ {a.tokenStatuses[t.status]}{" "}
                ・ {dateTime(ctx, t.expiresAt)}
                {t.status === "active" ? (
                  <form method="post" action={accountUrls.adminRevoke(account.id, t.id)} class="inline-form">
                    <CsrfField viewer={viewer} />
                    <button
                      type="submit"
                      class="button button--secondary button--small"
                      aria-label={a.revokeToken(t.name)}
                    >
                      {a.revoke}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </AccountLayout>
  );
}

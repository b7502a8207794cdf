import type { ActionOwner } from "../../../core/access/action-owners.js";
import type { SessionInfo } from "../../../core/accounts/session.service.js";
import type { AccessToken } from "../../../core/accounts/token.service.js";
import type { Issue } from "../../../core/errors.js";
import { urls, type PageContext } from "../context.js";
import type { AccountMessages } from "../i18n/account.ja.js";
import { AccountLayout, CsrfField, ErrorSummary, Field, fieldError, Notice } from "./account-components.js";
import { staffText, staffUrls } from "../review-staff/staff-context.js";
import { accountText, accountUrls, dateTime, type Viewer } from "./account-context.js";

export const TOKEN_DAYS = [30, 90, 180, 366] as const;

const PASSWORD_FIELDS = {
  currentPassword: "currentPassword",
  newPassword: "newPassword",
  newPasswordAgain: "newPasswordAgain",
};
const TOKEN_FIELDS = { name: "token-name", scope: "token-scope", expiresInDays: "token-days" };

export interface MyAccountProps {
  ctx: PageContext;
  viewer: Viewer;
  owned: ActionOwner[];
  /** Plans whose yearly review this account works on (owned actions' plans; every plan for managers). */
  reviewPlans?: { id: string; title: string }[];
  sessions: (SessionInfo & { current: boolean })[];
  tokens: AccessToken[];
  notice?: string | undefined;
  passwordIssues?: readonly Issue[];
  tokenIssues?: readonly Issue[];
  tokenValues?: { name?: string; scope?: string; days?: string };
  /** A token just created: its secret is shown this once. */
  newToken?: { name: string; secret: string } | undefined;
}

function PasswordForm({
  ctx,
  a,
  viewer,
  issues,
}: {
  ctx: PageContext;
  a: AccountMessages;
  viewer: Viewer;
  issues: readonly Issue[];
}) {
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{viewer.account.mustChangePassword ? a.mustChangeTitle : a.passwordTitle}</h2>
      {viewer.account.mustChangePassword ? <p>{a.mustChangeBody}</p> : null}
      <ErrorSummary ctx={ctx} issues={issues} fields={PASSWORD_FIELDS} />
      <form method="post" action={accountUrls.password()} class="account-form">
        <CsrfField viewer={viewer} />
        <Field
          id="currentPassword"
          label={a.currentPassword}
          type="password"
          autocomplete="current-password"
          required
          error={fieldError(issues, "currentPassword")}
        />
        <Field
          id="newPassword"
          label={a.newPassword}
          hint={a.passwordHint}
          type="password"
          autocomplete="new-password"
          required
          error={fieldError(issues, "newPassword")}
        />
        <Field
          id="newPasswordAgain"
          label={a.passwordAgain}
          type="password"
          autocomplete="new-password"
          required
          error={fieldError(issues, "newPasswordAgain")}
        />
        <p class="form-submit">
          <button type="submit" class="button">
            {a.changePassword}
          </button>
        </p>
      </form>
    </section>
  );
}

function Tokens(props: MyAccountProps & { a: AccountMessages }) {
  const { ctx, a, viewer, tokens } = props;
  const issues = props.tokenIssues ?? [];
  const values = props.tokenValues ?? {};
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">{a.tokensTitle}</h2>
      <p>{a.tokensLead}</p>
      {props.newToken ? (
        <div class="new-token" role="status">
          <h3>{a.newTokenTitle}</h3>
          <p>{a.newTokenBody}</p>
          <label for="new-token">{a.newTokenLabel(props.newToken.name)}</label>
          <input
            id="new-token"
            type="text"
            readOnly
            value={props.newToken.secret}
            class="new-token__secret"
          />
        </div>
      ) : null}
      {tokens.length === 0 ? (
        <p>{a.tokensNone}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="tokens-title" tabIndex={0}>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{a.tokenName}</th>
                <th scope="col">{a.tokenScope}</th>
                <th scope="col">{a.tokenStatus}</th>
                <th scope="col">{a.tokenExpires}</th>
                <th scope="col">{a.tokenLastUsed}</th>
                <th scope="col">
                  <span class="visually-hidden">{a.revoke}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  <td>{t.scope === "write" ? a.scopeWrite : a.scopeRead}</td>
                  <td>{a.tokenStatuses[t.status]}</td>
                  <td>{dateTime(ctx, t.expiresAt)}</td>
                  <td>{t.lastUsedAt ? dateTime(ctx, t.lastUsedAt) : a.never}</td>
                  <td>
                    {t.status === "active" ? (
                      <form method="post" action={accountUrls.revokeToken(t.id)}>
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
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{a.createToken}</h3>
      <ErrorSummary ctx={ctx} issues={issues} fields={TOKEN_FIELDS} />
      <form method="post" action={accountUrls.tokens()} class="account-form">
        <CsrfField viewer={viewer} />
        <Field
          id="token-name"
          name="name"
          label={a.tokenName}
          hint={a.tokenNameHint}
          value={values.name ?? ""}
          maxLength={100}
          required
          error={fieldError(issues, "name")}
        />
        <div class="field">
          <label for="token-scope">{a.tokenScope}</label>
          <select id="token-scope" name="scope">
            <option value="read" selected={values.scope !== "write"}>
              {a.scopeRead}
            </option>
            <option value="write" selected={values.scope === "write"}>
              {a.scopeWrite}
            </option>
          </select>
        </div>
        <div class="field">
          <label for="token-days">{a.tokenExpires}</label>
          <select id="token-days" name="expiresInDays">
            {TOKEN_DAYS.map((d) => (
              <option key={d} value={String(d)} selected={(values.days ?? "90") === String(d)}>
                {a.tokenDays(d)}
              </option>
            ))}
          </select>
        </div>
        <p class="form-submit">
          <button type="submit" class="button">
            {a.createToken}
          </button>
        </p>
      </form>
    </section>
  );
}

/** `/account`: who I am, my actions, my password, where I am signed in, my API tokens. */
export function MyAccountPage(props: MyAccountProps) {
  const { ctx, viewer } = props;
  const a = accountText(ctx);
  const account = viewer.account;
  const passwordIssues = props.passwordIssues ?? [];
  if (account.mustChangePassword) {
    return (
      <AccountLayout ctx={ctx} viewer={viewer} title={a.myAccountTitle}>
        <Notice text={props.notice} />
        {props.reviewPlans && props.reviewPlans.length > 0 ? (
          <section aria-labelledby="reviews-title">
            <h2 id="reviews-title">{staffText(ctx).navReviews}</h2>
            <ul>
              {props.reviewPlans.map((p) => (
                <li key={p.id}>
                  <a href={staffUrls.reviews(p.id)}>{p.title}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <PasswordForm ctx={ctx} a={a} viewer={viewer} issues={passwordIssues} />
      </AccountLayout>
    );
  }
  return (
    <AccountLayout ctx={ctx} viewer={viewer} title={a.myAccountTitle}>
      <Notice text={props.notice} />
      <section aria-labelledby="profile-title">
        <h2 id="profile-title">{a.profile}</h2>
        <dl class="facts">
          <div>
            <dt>{a.displayName}</dt>
            <dd>{account.displayName}</dd>
          </div>
          <div>
            <dt>{a.email}</dt>
            <dd>{account.email}</dd>
          </div>
          <div>
            <dt>{a.role}</dt>
            <dd>{a.roles[account.role]}</dd>
          </div>
          <div>
            <dt>{a.lastSignIn}</dt>
            <dd>{account.lastSignInAt ? dateTime(ctx, account.lastSignInAt) : a.never}</dd>
          </div>
        </dl>
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
      {props.reviewPlans && props.reviewPlans.length > 0 ? (
        <section aria-labelledby="reviews-title">
          <h2 id="reviews-title">{staffText(ctx).navReviews}</h2>
          <ul>
            {props.reviewPlans.map((p) => (
              <li key={p.id}>
                <a href={staffUrls.reviews(p.id)}>{p.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <PasswordForm ctx={ctx} a={a} viewer={viewer} issues={passwordIssues} />
      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{a.sessionsTitle}</h2>
        <p>{a.sessionsLead(props.sessions.length)}</p>
        <ul>
          {props.sessions.map((s, i) => (
            <li key={i}>
              {dateTime(ctx, s.lastSeenAt)} {s.ip ?? ""} {s.current ? ctx.f.paren(a.thisDevice) : ""}
            </li>
          ))}
        </ul>
        <form method="post" action={accountUrls.signOutEverywhere()}>
          <CsrfField viewer={viewer} />
          <button type="submit" class="button button--secondary">
            {a.signOutEverywhere}
          </button>
        </form>
      </section>
      <Tokens {...props} a={a} />
    </AccountLayout>
  );
}

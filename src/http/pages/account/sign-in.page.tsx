import type { Issue } from "../../../core/errors.js";
import type { PageContext } from "../context.js";
import { AccountLayout, CsrfField, ErrorSummary, Field, fieldError, Notice } from "./account-components.js";
import { accountText, accountUrls, type Viewer } from "./account-context.js";

/** `/sign-in`: e-mail and password. A problem is said above the form without saying which field was wrong. */
export function SignInPage(props: {
  ctx: PageContext;
  viewer: Viewer | null;
  email?: string;
  next?: string | undefined;
  problem?: string | undefined;
  notice?: string | undefined;
}) {
  const a = accountText(props.ctx);
  return (
    <AccountLayout ctx={props.ctx} viewer={props.viewer} title={a.signInTitle}>
      <p class="lead">{a.signInLead}</p>
      <Notice text={props.notice} />
      {props.problem ? (
        <div class="error-summary" role="alert">
          <p>{props.problem}</p>
        </div>
      ) : null}
      <form method="post" action={accountUrls.signIn()} class="account-form">
        <CsrfField viewer={props.viewer} />
        {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
        <Field
          id="email"
          label={a.email}
          type="email"
          value={props.email ?? ""}
          autocomplete="username"
          required
        />
        <Field id="password" label={a.password} type="password" autocomplete="current-password" required />
        <p class="form-submit">
          <button type="submit" class="button">
            {a.signIn}
          </button>
        </p>
      </form>
    </AccountLayout>
  );
}

const SETUP_FIELDS = {
  email: "email",
  displayName: "displayName",
  password: "password",
  passwordAgain: "passwordAgain",
};

/** `/setup?token=…`: the first administrator, with the one-time link `shinko serve` printed. */
export function SetupPage(props: {
  ctx: PageContext;
  token: string;
  values: { email?: string; displayName?: string };
  issues: readonly Issue[];
}) {
  const a = accountText(props.ctx);
  const { issues } = props;
  return (
    <AccountLayout ctx={props.ctx} viewer={null} title={a.setupTitle}>
      <p class="lead">{a.setupLead}</p>
      <ErrorSummary ctx={props.ctx} issues={issues} fields={SETUP_FIELDS} />
      <form method="post" action={accountUrls.setup()} class="account-form">
        <input type="hidden" name="token" value={props.token} />
        <Field
          id="email"
          label={a.email}
          type="email"
          value={props.values.email ?? ""}
          autocomplete="username"
          required
          error={fieldError(issues, "email")}
        />
        <Field
          id="displayName"
          label={a.displayName}
          hint={a.displayNameHint}
          value={props.values.displayName ?? ""}
          autocomplete="name"
          maxLength={100}
          error={fieldError(issues, "displayName")}
        />
        <Field
          id="password"
          label={a.password}
          hint={a.passwordHint}
          type="password"
          autocomplete="new-password"
          required
          error={fieldError(issues, "password")}
        />
        <Field
          id="passwordAgain"
          label={a.passwordAgain}
          type="password"
          autocomplete="new-password"
          required
          error={fieldError(issues, "passwordAgain")}
        />
        <p class="form-submit">
          <button type="submit" class="button">
            {a.register}
          </button>
        </p>
      </form>
    </AccountLayout>
  );
}

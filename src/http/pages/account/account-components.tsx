import type { ComponentChildren } from "preact";
import type { Issue } from "../../../core/errors.js";
import { urls, type PageContext } from "../context.js";
import type { AccountMessages } from "../i18n/account.ja.js";
import { Layout, type Crumb } from "../layout.js";
import { profilesText, profileUrls } from "../firm-profiles/profiles-text.js";
import { accountText, accountUrls, hasRole, type Viewer } from "./account-context.js";

/** The hidden field that carries the session's CSRF token in every form that changes something. */
export function CsrfField({ viewer }: { viewer: Viewer | null }) {
  return viewer ? <input type="hidden" name="_csrf" value={viewer.csrf} /> : null;
}

export interface FieldProps {
  id: string;
  label: string;
  name?: string;
  type?: "text" | "email" | "password" | "date";
  value?: string;
  hint?: string;
  error?: string | undefined;
  autocomplete?: string;
  required?: boolean;
  maxLength?: number;
}

/** A labelled input with its hint and error, tied together for screen readers. */
export function Field(props: FieldProps) {
  const described = [props.hint ? `${props.id}-hint` : "", props.error ? `${props.id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={props.error ? "field field--invalid" : "field"}>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p id={`${props.id}-hint`} class="hint">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={`${props.id}-error`} class="field-error">
          {props.error}
        </p>
      ) : null}
      <input
        id={props.id}
        name={props.name ?? props.id}
        // Preact types each input type separately and cannot take a union; the lint rule disagrees.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
        type={(props.type ?? "text") as "text"}
        value={props.type === "password" ? undefined : props.value}
        autocomplete={props.autocomplete}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={described || undefined}
      />
    </div>
  );
}

/** The problems of a form, each linking to its field. `fields` maps issue paths to field ids. */
export function ErrorSummary({
  ctx,
  issues,
  fields,
  labels = {},
}: {
  ctx: PageContext;
  issues: readonly Issue[];
  fields: Record<string, string>;
  /** The field's label by issue path: the summary names the field before the message. */
  labels?: Record<string, string>;
}) {
  if (issues.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="form-errors">
      <h2 id="form-errors">{ctx.t.formErrors}</h2>
      <ul>
        {issues.map((issue, i) => {
          const id = fields[issue.path];
          const label = labels[issue.path];
          const text = label ? `${label}${ctx.lang === "ja" ? "：" : ": "}${issue.message}` : issue.message;
          return <li key={i}>{id ? <a href={`#${id}`}>{text}</a> : text}</li>;
        })}
      </ul>
    </div>
  );
}

/** The message of the issues about one field, for that field. */
export function fieldError(issues: readonly Issue[], path: string): string | undefined {
  const found = issues.filter((i) => i.path === path).map((i) => i.message);
  return found.length > 0 ? found.join(" ") : undefined;
}

export function Notice({ text }: { text: string | undefined }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}

function AccountNav({ ctx, a, viewer }: { ctx: PageContext; a: AccountMessages; viewer: Viewer }) {
  const items: [string, string][] = [[a.navMyAccount, accountUrls.account()]];
  // The company registry's staff pages: plan managers and administrators manage companies.
  if (hasRole(viewer, "plan_manager")) items.push([profilesText(ctx).navCompanies, profileUrls.companies()]);
  if (hasRole(viewer, "admin")) {
    items.push([a.navAccounts, accountUrls.accounts()], [a.navAudit, accountUrls.audit()]);
  }
  return <SignedInBar ctx={ctx} viewer={viewer} items={items} />;
}

/** Who is signed in, links to the pages given ([label, href]; the current one marked), and sign-out. */
export function SignedInBar({
  ctx,
  viewer,
  items,
}: {
  ctx: PageContext;
  viewer: Viewer;
  items: readonly [string, string][];
}) {
  const a = accountText(ctx);
  return (
    <div class="account-bar">
      <p class="account-bar__who">{a.signedInAs(viewer.account.displayName, a.roles[viewer.account.role])}</p>
      <nav class="account-nav" aria-label={a.accountNav}>
        <ul>
          {items.map(([label, href]) => (
            <li key={href}>
              <a href={href} aria-current={ctx.path === href ? "page" : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="post" action={accountUrls.signOut()} class="account-bar__signout">
        <CsrfField viewer={viewer} />
        <button type="submit" class="button button--secondary">
          {a.signOut}
        </button>
      </form>
    </div>
  );
}

/** The public layout, with who is signed in, the account pages and a sign-out button on top. */
export function AccountLayout(props: {
  ctx: PageContext;
  viewer: Viewer | null;
  title: string;
  crumbs?: Crumb[];
  children: ComponentChildren;
}) {
  const a = accountText(props.ctx);
  const crumbs = [
    { label: props.ctx.t.home, href: urls.home() },
    ...(props.crumbs ?? []),
    { label: props.title },
  ];
  return (
    <Layout ctx={props.ctx} title={props.title} crumbs={crumbs} bodyClass="account">
      {props.viewer ? <AccountNav ctx={props.ctx} a={a} viewer={props.viewer} /> : null}
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  );
}

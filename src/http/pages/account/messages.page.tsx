import { urls, type PageContext } from "../context.js";
import { AccountLayout } from "./account-components.js";
import { accountText, type Viewer } from "./account-context.js";

/** A refusal or a problem on the account pages, in plain words, with the way forward. */
export function AccountMessagePage(props: {
  ctx: PageContext;
  viewer: Viewer | null;
  title: string;
  message: string;
  status: number;
  /** Where to sign in again, when that is the way forward. */
  signInLink?: string | undefined;
}) {
  const { ctx } = props;
  return (
    <AccountLayout ctx={ctx} viewer={props.viewer} title={props.title}>
      <p>{props.message}</p>
      <p class="status-code">HTTP {props.status}</p>
      <p>
        {props.signInLink ? (
          <a class="button" href={props.signInLink}>
            {accountText(ctx).signIn}
          </a>
        ) : (
          <a class="button" href={urls.home()}>
            {ctx.t.backHome}
          </a>
        )}
      </p>
    </AccountLayout>
  );
}

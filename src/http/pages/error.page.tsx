import { urls, type PageContext } from "./context.js";
import { Layout } from "./layout.js";

/** 404, 400 and 500 pages: what happened in plain words, and a way back. Never a stack trace. */
export function ErrorPage({ ctx, status, message }: { ctx: PageContext; status: number; message?: string }) {
  const { t } = ctx;
  const title = status === 404 ? t.notFoundTitle : status >= 500 ? t.serverErrorTitle : t.badRequestTitle;
  const body = status === 404 ? t.notFoundBody : status >= 500 ? t.serverErrorBody : undefined;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {message ? <p>{message}</p> : null}
      {body ? <p>{body}</p> : null}
      <p class="status-code">HTTP {status}</p>
      <p>
        <a class="button" href={urls.home()}>
          {t.backHome}
        </a>
      </p>
    </Layout>
  );
}

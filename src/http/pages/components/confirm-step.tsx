import type { ComponentChildren } from "preact";
import type { KitText } from "./kit-text.js";

/**
 * The confirmation step of an irreversible action (reject a firm's edit, remove a member): the
 * first post shows what will happen and asks again; only a post carrying `confirmed=yes` does it.
 * Without JavaScript this is two page loads; nothing happens on the first.
 *
 * @example
 * if (!isConfirmed(body)) return sendPage(reply, <ConfirmStep … action={url} fields={body} />);
 */
export function ConfirmStep(props: {
  text: KitText;
  title: string;
  /** What will happen, in words the person recognises (the firm's name, the fields). */
  children: ComponentChildren;
  /** Where the confirmed form posts (usually the same URL). */
  action: string;
  /** Fields to post again (the CSRF token, a reason typed on the first step). */
  fields: Readonly<Record<string, string>>;
  cancelHref: string;
  confirmLabel?: string;
}) {
  return (
    <section class="kit-confirm" aria-labelledby="confirm-title">
      <h2 id="confirm-title">{props.title}</h2>
      <div class="kit-confirm__body">{props.children}</div>
      <p class="kit-confirm__warning">
        <strong>{props.text.cannotUndo}</strong>
      </p>
      <form method="post" action={props.action} class="kit-confirm__form">
        {Object.entries(props.fields)
          .filter(([k]) => k !== "confirmed")
          .map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
        <input type="hidden" name="confirmed" value="yes" />
        <button type="submit" class="button kit-button--warning">
          {props.confirmLabel ?? props.text.confirm}
        </button>
        <a class="kit-confirm__cancel" href={props.cancelHref}>
          {props.text.cancel}
        </a>
      </form>
    </section>
  );
}

/** True when the form came from the confirmation step. */
export function isConfirmed(fields: Readonly<Record<string, string>>): boolean {
  return fields.confirmed === "yes";
}

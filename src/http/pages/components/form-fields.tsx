import type { ComponentChildren } from "preact";
import type { Issue } from "../../../core/errors.js";
import type { KitText } from "./kit-text.js";

/**
 * Form fields in the GOV.UK Frontend pattern: every field has its label, an optional hint and its
 * error message beside it (announced with the field through aria-describedby), and the error
 * summary at the top of the page links to each field by its id.
 */
interface Common {
  /** The element id; the error summary links to it. */
  id: string;
  label: string;
  /** The form field's name; the id when left out. */
  name?: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  /** Marks the label "(optional)" (GOV.UK marks the optional fields, not the required ones). */
  optional?: KitText | undefined;
}

function describedBy(props: Common): string | undefined {
  const ids = [props.hint ? `${props.id}-hint` : "", props.error ? `${props.id}-error` : ""].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function FieldShell(props: Common & { children: ComponentChildren }) {
  return (
    <div class={props.error ? "kit-field kit-field--invalid" : "kit-field"}>
      <label class="kit-label" for={props.id}>
        {props.label}
        {props.optional ? <span class="kit-optional">{props.optional.optional}</span> : null}
      </label>
      <Hint id={props.id} hint={props.hint} />
      <FieldError id={props.id} error={props.error} />
      {props.children}
    </div>
  );
}

function Hint({ id, hint }: { id: string; hint?: string | undefined }) {
  return hint ? (
    <p id={`${id}-hint`} class="kit-hint">
      {hint}
    </p>
  ) : null;
}

function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  return error ? (
    <p id={`${id}-error`} class="kit-error-message">
      {error}
    </p>
  ) : null;
}

export function TextField(
  props: Common & {
    value?: string | undefined;
    type?: "text" | "email" | "password" | "url" | "tel" | "search";
    inputMode?: "numeric" | "decimal" | "text";
    autocomplete?: string;
    maxLength?: number;
    /** Narrow inputs for short values (a year, a number). */
    width?: "short" | "medium";
  },
) {
  return (
    <FieldShell {...props}>
      <input
        id={props.id}
        name={props.name ?? props.id}
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
        type={(props.type ?? "text") as "text"}
        class={props.width ? `kit-input kit-input--${props.width}` : "kit-input"}
        value={props.type === "password" ? undefined : props.value}
        inputMode={props.inputMode}
        autocomplete={props.autocomplete}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props)}
      />
    </FieldShell>
  );
}

export function TextArea(props: Common & { value?: string | undefined; rows?: number; maxLength?: number }) {
  return (
    <FieldShell {...props}>
      <textarea
        id={props.id}
        name={props.name ?? props.id}
        class="kit-textarea"
        rows={props.rows ?? 4}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props)}
        value={props.value ?? ""}
      />
    </FieldShell>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function SelectField(props: Common & { value?: string | undefined; choices: readonly Choice[] }) {
  return (
    <FieldShell {...props}>
      <select
        id={props.id}
        name={props.name ?? props.id}
        class="kit-select"
        required={props.required}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props)}
      >
        {props.choices.map((c) => (
          <option key={c.value} value={c.value} selected={c.value === props.value}>
            {c.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/**
 * Checkboxes under one question (a fieldset with its legend): the error summary links to the
 * first box, whose id is the group's id.
 */
export function CheckboxGroup(
  props: Common & { choices: readonly Choice[]; values: readonly string[]; columns?: boolean },
) {
  return (
    <div class={props.error ? "kit-field kit-field--invalid" : "kit-field"}>
      <fieldset class="kit-fieldset" aria-describedby={describedBy(props)}>
        <legend class="kit-legend">{props.label}</legend>
        <Hint id={props.id} hint={props.hint} />
        <FieldError id={props.id} error={props.error} />
        <ul class={props.columns ? "kit-checkboxes kit-checkboxes--columns" : "kit-checkboxes"}>
          {props.choices.map((c, i) => (
            <li key={c.value} class="kit-checkbox">
              <input
                id={i === 0 ? props.id : `${props.id}-${i}`}
                type="checkbox"
                name={props.name ?? props.id}
                value={c.value}
                checked={props.values.includes(c.value)}
              />
              <label for={i === 0 ? props.id : `${props.id}-${i}`}>{c.label}</label>
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}

/**
 * The problems of a refused form at the top of the page, each a link to its field. `fields` maps
 * an issue's path to the id of its field; an issue without a field is listed as text.
 */
export function ErrorSummary({
  text,
  issues,
  fields,
}: {
  text: KitText;
  issues: readonly Issue[];
  fields: Readonly<Record<string, string>>;
}) {
  if (issues.length === 0) return null;
  return (
    <div class="kit-error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{text.errorSummaryTitle}</h2>
      <ul>
        {issues.map((issue, i) => {
          const id = fieldIdOf(issue.path, fields);
          return <li key={i}>{id ? <a href={`#${id}`}>{issue.message}</a> : issue.message}</li>;
        })}
      </ul>
    </div>
  );
}

/** The field an issue belongs to: its path, or the nearest parent path a field stands for. */
function fieldIdOf(path: string, fields: Readonly<Record<string, string>>): string | undefined {
  for (let p = path; p !== ""; p = p.replace(/(\.[^.[\]]*|\[\d+\])$/, "")) {
    if (fields[p]) return fields[p];
    if (!/[.[]/.test(p)) break;
  }
  return undefined;
}

/** The message(s) for one field: the issues at its path or below it. */
export function errorFor(issues: readonly Issue[], path: string): string | undefined {
  const found = issues
    .filter((i) => i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`))
    .map((i) => i.message);
  return found.length > 0 ? found.join(" ") : undefined;
}

import type { Issue } from "../../../core/errors.js";
import type { KitText } from "./kit-text.js";

/**
 * A numeric range with its unit beside both boxes ("200 t" and "1960 kN" alike when the parser
 * accepts both). The page reads it back with {@link readRange}, which turns what was typed into
 * the stored unit through the parser the page gives (the core's unit parser for specs).
 */
export function RangeInput(props: {
  text: KitText;
  /** Query parameter names are `${name}Min` and `${name}Max`; ids are the same. */
  name: string;
  label: string;
  unit: string;
  hint?: string | undefined;
  min?: string | undefined;
  max?: string | undefined;
  error?: string | undefined;
}) {
  const ids = { min: `${props.name}Min`, max: `${props.name}Max` };
  const described = [props.hint ? `${props.name}-hint` : "", props.error ? `${props.name}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div class={props.error ? "kit-field kit-field--invalid" : "kit-field"}>
      <fieldset class="kit-fieldset kit-range" aria-describedby={described || undefined}>
        <legend class="kit-legend">
          {props.label}
          <span class="kit-range__unit-note">（{props.unit}）</span>
        </legend>
        {props.hint ? (
          <p id={`${props.name}-hint`} class="kit-hint">
            {props.hint}
          </p>
        ) : null}
        {props.error ? (
          <p id={`${props.name}-error`} class="kit-error-message">
            {props.error}
          </p>
        ) : null}
        <div class="kit-range__row">
          {(["min", "max"] as const).map((end) => (
            <div class="kit-range__end" key={end}>
              <label for={ids[end]}>{end === "min" ? props.text.from : props.text.to}</label>
              <span class="kit-range__input">
                <input
                  id={ids[end]}
                  name={ids[end]}
                  type="text"
                  class="kit-input kit-input--short"
                  value={props[end] ?? ""}
                  aria-invalid={props.error ? "true" : undefined}
                  aria-describedby={`${props.name}-unit`}
                  autocomplete="off"
                />
                <span class="kit-range__unit" id={end === "min" ? `${props.name}-unit` : undefined}>
                  {props.unit}
                </span>
              </span>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export type UnitParser = (text: string) => { ok: true; value: number } | { ok: false; error: string };

/**
 * The two ends of a range from a query, in the parser's unit. Empty ends are absent; a value the
 * parser refuses becomes an issue at `${name}Min` / `${name}Max`, and a minimum above the maximum
 * an issue at the range.
 *
 * @example
 * readRange(query, "pressForceKn", (t) => parseSpecValue("pressForceKn", t)) // { min: 1961.33 } for 200t
 */
export function readRange(
  query: URLSearchParams,
  name: string,
  parse: UnitParser,
): { min?: number; max?: number; raw: { min?: string; max?: string }; issues: Issue[] } {
  const out: { min?: number; max?: number; raw: { min?: string; max?: string }; issues: Issue[] } = {
    raw: {},
    issues: [],
  };
  for (const end of ["min", "max"] as const) {
    const param = `${name}${end === "min" ? "Min" : "Max"}`;
    const text = (query.get(param) ?? "").trim();
    if (text === "") continue;
    out.raw[end] = text;
    const parsed = parse(text);
    if (parsed.ok) out[end] = parsed.value;
    else out.issues.push({ path: param, message: parsed.error });
  }
  if (out.min !== undefined && out.max !== undefined && out.min > out.max) {
    out.issues.push({ path: `${name}Min`, message: "the lower end is above the upper end" });
  }
  return out;
}

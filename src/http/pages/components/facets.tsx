import type { KitText } from "./kit-text.js";

/**
 * A facet: the values of one property with how many results choosing each would give. The
 * boxes sit inside the page's GET form (the apply button submits them), so it works without
 * JavaScript; values nested under another (a process tree) are indented by `depth`.
 */
export interface FacetItem {
  value: string;
  label: string;
  count: number;
  selected: boolean;
  depth?: number;
}

export function FacetList(props: {
  text: KitText;
  /** The query parameter (repeated per chosen value). */
  name: string;
  legend: string;
  items: readonly FacetItem[];
  /** Values with no result are left out unless chosen (they would only lead to "nothing found"). */
  hideEmpty?: boolean;
}) {
  const items = props.items.filter((i) => i.selected || i.count > 0 || !props.hideEmpty);
  if (items.length === 0) return null;
  const open = items.some((i) => i.selected);
  return (
    <details class="kit-facet" open={open || items.length <= 8}>
      <summary class="kit-facet__summary">{props.legend}</summary>
      <fieldset class="kit-fieldset">
        <legend class="kit-visually-hidden">{props.legend}</legend>
        <ul class="kit-facet__list">
          {items.map((item) => {
            const id = `facet-${props.name}-${encodeURIComponent(item.value).replace(/%/g, "_")}`;
            return (
              <li
                key={item.value}
                class={`kit-checkbox kit-facet__item kit-depth-${Math.min(item.depth ?? 0, 4)}`}
              >
                <input id={id} type="checkbox" name={props.name} value={item.value} checked={item.selected} />
                <label for={id}>
                  {item.label}
                  <span class="kit-facet__count">（{props.text.count(item.count)}）</span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </details>
  );
}

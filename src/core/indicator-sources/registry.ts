import { DomainError } from "../errors.js";
import type { IndicatorSource } from "./source.js";

import { SOURCE_ID as ID } from "./binding.schema.js";

/**
 * The indicator sources a server offers, by id. Each context contributes its list
 * (`companiesSources`, later `ordersSources` …); `all-sources.ts` names them in one place.
 *
 * @example
 * const registry = new SourceRegistry([...companiesSources]);
 * registry.get("companies.listed")?.unit // "社"
 */
export class SourceRegistry {
  readonly #sources = new Map<string, IndicatorSource>();

  constructor(sources: readonly IndicatorSource[] = []) {
    for (const s of sources) this.register(s);
  }

  register(source: IndicatorSource): void {
    if (!ID.test(source.id)) throw new Error(`indicator source id "${source.id}" must read context.figure`);
    if (this.#sources.has(source.id)) throw new Error(`indicator source "${source.id}" is registered twice`);
    this.#sources.set(source.id, source);
  }

  get(id: string): IndicatorSource | undefined {
    return this.#sources.get(id);
  }

  /** The source of an id, or a not-found error naming the known ones. */
  require(id: string): IndicatorSource {
    const source = this.#sources.get(id);
    if (!source)
      throw new DomainError("not_found", `indicator source "${id}" not found`, [
        {
          path: "source",
          message: `unknown source "${id}" (${[...this.#sources.keys()].join(", ") || "none"})`,
        },
      ]);
    return source;
  }

  /** Every source, by id. */
  list(): IndicatorSource[] {
    return [...this.#sources.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}

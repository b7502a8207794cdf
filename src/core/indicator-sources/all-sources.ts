import { companiesSources } from "../companies/companies.sources.js";
import { SourceRegistry } from "./registry.js";

/**
 * Every context's indicator sources, in one place (the composition root of the registry). A new
 * context adds its list here: `...ordersSources`.
 */
export function defaultSourceRegistry(): SourceRegistry {
  return new SourceRegistry([...companiesSources]);
}

/** The registry the server uses when none is given. */
export const sourceRegistry: SourceRegistry = defaultSourceRegistry();

import { en } from "./messages.en.js";
import { ja, type Messages } from "./messages.ja.js";

export const LANGS = ["ja", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "ja";

/** The cookie that remembers the reader's choice of language. */
export const LANG_COOKIE = "lang";
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

const CATALOGUES: Record<Lang, Messages> = { ja, en };

export function messages(lang: Lang): Messages {
  return CATALOGUES[lang];
}

function asLang(value: unknown): Lang | undefined {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value)
    ? (value as Lang)
    : undefined;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

/**
 * The language of a page: `?lang=` when given (and then remembered in a cookie), else the
 * cookie, else Japanese. The URL stays the same in both languages.
 *
 * @example
 * chooseLang({ lang: "en" }, undefined) // { lang: "en", remember: "lang=en; Path=/; …" }
 */
export function chooseLang(
  queryLang: unknown,
  cookieHeader: string | undefined,
): { lang: Lang; remember: string | null } {
  const fromQuery = asLang(queryLang);
  if (fromQuery) {
    return {
      lang: fromQuery,
      remember: `${LANG_COOKIE}=${fromQuery}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`,
    };
  }
  return { lang: asLang(cookieValue(cookieHeader, LANG_COOKIE)) ?? DEFAULT_LANG, remember: null };
}

export type { Messages };

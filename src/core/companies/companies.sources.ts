import { z } from "zod";
import { DomainError } from "../errors.js";
import { defineSource, type IndicatorSource, type SourceQuery } from "../indicator-sources/source.js";
import type { Db } from "../plan/plan.repository.js";
import { companiesListedAt } from "./company.service.js";
import { countCompanies } from "./company.search.js";
import { loadVocabulary, Vocabulary, type VocabularyKind } from "./vocabulary.js";
import { SEED_VOCABULARY, VOCABULARY_KINDS } from "./vocabulary.seed.js";

/*
 * The company registry's indicator sources (docs/indicator-sources.md). They read through the
 * companies core (companiesListedAt, countCompanies), never its tables.
 */

/** The portal's search of the public records behind a figure. */
const portal = (params: Record<string, string> = {}) => {
  const query = new URLSearchParams(params).toString();
  return { href: `/companies${query ? `?${query}` : ""}`, public: true };
};

/** The end of a day in Japan (a fiscal year ends on 31 March, Japan time), as the history stores moments. */
const endOfJapanDay = (date: string) => new Date(Date.parse(`${date}T23:59:59.999+09:00`)).toISOString();

/** The municipality's vocabulary; the terms shipped in code while nothing has been written yet. */
async function vocabularyOf(db: Db, municipalityCode: string): Promise<Vocabulary> {
  const vocab = await loadVocabulary(db, municipalityCode);
  if (vocab.terms.length > 0) return vocab;
  return new Vocabulary(
    VOCABULARY_KINDS.flatMap((kind) =>
      SEED_VOCABULARY[kind].map((t) => ({
        kind,
        code: t.code,
        name: t.name,
        nameEn: t.nameEn,
        parent: t.parent ?? null,
        aliases: t.aliases ?? [],
        municipalityCode: "",
      })),
    ),
  );
}

/** A parameter naming a term of a vocabulary, refused (naming the parameter) when unknown. */
async function termOf(db: Db, q: SourceQuery<unknown>, kind: VocabularyKind, param: string, text: string) {
  const vocab = await vocabularyOf(db, q.municipalityCode);
  const term = vocab.resolve(kind, text);
  if (!term)
    throw new DomainError("validation_failed", `"${text}" is not a known ${kind}`, [
      { path: `params.${param}`, message: `"${text}" is not a known ${kind}` },
    ]);
  return { vocab, term };
}

/** Nothing recorded for the municipality at all (not even a company the public cannot see). */
async function registryEmpty(db: Db, vocab: Vocabulary, municipalityCode: string): Promise<boolean> {
  return (await countCompanies(db, vocab, { municipalityCode }, "staff")) === 0;
}

const listed = defineSource<Record<string, never>>({
  id: "companies.listed",
  unit: "社",
  name: { ja: "ポータル掲載企業数", en: "Companies listed on the portal" },
  definition: {
    ja: "その日（年度末は3月31日）の終わりに、企業ポータルに掲載されていた企業の数。登録の履歴から数えます。",
    en: "Companies listed on the company portal at the end of the day (31 March for a fiscal year), counted from the registry's history.",
  },
  period: "at_date",
  aggregate: { kind: "count" },
  params: z.strictObject({}),
  paramHelp: {},
  readsPast: true,
  publicValue: true,
  compute: async (db, q) => {
    const ids = await companiesListedAt(db, q.municipalityCode, endOfJapanDay(q.asOf));
    // A portal with nobody listed has no records yet: a city's portal always lists someone.
    return { value: ids.length, count: ids.length, empty: ids.length === 0, link: portal() };
  },
});

const withCertification = defineSource<{ certification: string }>({
  id: "companies.with_certification",
  unit: "社",
  name: { ja: "認証を取得している掲載企業数", en: "Listed companies holding a certification" },
  definition: {
    ja: "企業ポータルに掲載され、指定の認証（ISO 9001 など）を公開している企業の、今日の数。",
    en: "Companies listed on the portal that show the given certification (ISO 9001 …), as of today.",
  },
  period: "at_date",
  aggregate: { kind: "count" },
  params: z.strictObject({ certification: z.string().trim().min(1).max(100) }),
  paramHelp: {
    certification: { ja: "認証の名前（ISO 9001、エコアクション21 …）", en: "Certification name" },
  },
  readsPast: false,
  publicValue: true,
  compute: async (db, q) => {
    const { vocab, term } = await termOf(db, q, "certification", "certification", q.params.certification);
    const n = await countCompanies(db, vocab, {
      municipalityCode: q.municipalityCode,
      filters: { certification: [term.code] },
    });
    const empty = n === 0 && (await registryEmpty(db, vocab, q.municipalityCode));
    return { value: n, count: n, empty, link: portal({ certification: term.name }) };
  },
});

const byProcess = defineSource<{ process: string }>({
  id: "companies.by_process",
  unit: "社",
  name: { ja: "工程別の掲載企業数", en: "Listed companies by process" },
  definition: {
    ja: "企業ポータルに掲載され、指定の工程（その下位の工程を含む。切削加工ならマシニング加工も）を公開している企業の、今日の数。",
    en: "Companies listed on the portal that show the given process or one below it (切削加工 includes マシニング加工), as of today.",
  },
  period: "at_date",
  aggregate: { kind: "count" },
  params: z.strictObject({ process: z.string().trim().min(1).max(100) }),
  paramHelp: { process: { ja: "工程の名前（切削加工、プレス加工 …）", en: "Process name" } },
  readsPast: false,
  publicValue: true,
  compute: async (db, q) => {
    const { vocab, term } = await termOf(db, q, "process", "process", q.params.process);
    const n = await countCompanies(db, vocab, {
      municipalityCode: q.municipalityCode,
      filters: { process: [term.code] },
    });
    const empty = n === 0 && (await registryEmpty(db, vocab, q.municipalityCode));
    return { value: n, count: n, empty, link: portal({ process: term.name }) };
  },
});

/** The sources the company registry offers (listed in core/indicator-sources/all-sources.ts). */
export const companiesSources: readonly IndicatorSource[] = [listed, withCertification, byProcess];

import { z } from "zod";
import { DomainError } from "../errors.js";
import { defineSource, type IndicatorSource, type SourceQuery } from "../indicator-sources/source.js";
import type { Db } from "../plan/plan.repository.js";
import type { Company } from "./company.schema.js";
import { companiesAt, companiesListedAt } from "./company.service.js";
import { isPublic } from "./company.visibility.js";
import { loadVocabulary, Vocabulary, type VocabularyKind } from "./vocabulary.js";
import { SEED_VOCABULARY, VOCABULARY_KINDS } from "./vocabulary.seed.js";

/*
 * The company registry's indicator sources (docs/indicator-sources.md). They read through the
 * companies core (companiesAt, companiesListedAt), never its tables, and answer at a date (the
 * end of a fiscal year) from the registry's history: what the portal showed on that day.
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

/** The firms the portal showed at the end of `date` (Japan time), as the history has them. */
async function shownAt(db: Db, municipalityCode: string, date: string) {
  const all = await companiesAt(db, municipalityCode, endOfJapanDay(date));
  return { all, listed: all.filter((c) => c.listed) };
}

/** Whether a firm showed a process, or one below it, publicly. */
const showsProcess = (c: Company, vocab: Vocabulary, code: string) =>
  isPublic(c, "processes") &&
  c.processes.some((name) => {
    const term = vocab.resolve("process", name);
    return term !== undefined && vocab.withAncestors("process", term.code).includes(code);
  });

/** Whether a firm showed a certification publicly. */
const showsCertification = (c: Company, vocab: Vocabulary, code: string) =>
  isPublic(c, "certifications") &&
  c.certifications.some((x) => vocab.resolve("certification", x.name)?.code === code);

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
    ja: "その日（年度末は3月31日）の終わりに、企業ポータルに掲載され、指定の認証（ISO 9001 など）を公開していた企業の数。登録の履歴から数えます。",
    en: "Companies listed on the portal that showed the given certification (ISO 9001 …) at the end of the day (31 March for a fiscal year), counted from the registry's history.",
  },
  period: "at_date",
  aggregate: { kind: "count" },
  params: z.strictObject({ certification: z.string().trim().min(1).max(100) }),
  paramHelp: {
    certification: { ja: "認証の名前（ISO 9001、エコアクション21 …）", en: "Certification name" },
  },
  readsPast: true,
  publicValue: true,
  compute: async (db, q) => {
    const { vocab, term } = await termOf(db, q, "certification", "certification", q.params.certification);
    const { all, listed } = await shownAt(db, q.municipalityCode, q.asOf);
    const n = listed.filter((c) => showsCertification(c, vocab, term.code)).length;
    // Nothing recorded by then at all (not even a firm the public could not see): no records yet.
    const empty = all.length === 0;
    return { value: n, count: n, empty, link: portal({ certification: term.name }) };
  },
});

const byProcess = defineSource<{ process: string }>({
  id: "companies.by_process",
  unit: "社",
  name: { ja: "工程別の掲載企業数", en: "Listed companies by process" },
  definition: {
    ja: "その日（年度末は3月31日）の終わりに、企業ポータルに掲載され、指定の工程（その下位の工程を含む。切削加工ならマシニング加工も）を公開していた企業の数。登録の履歴から数えます。",
    en: "Companies listed on the portal that showed the given process or one below it (切削加工 includes マシニング加工) at the end of the day (31 March for a fiscal year), counted from the registry's history.",
  },
  period: "at_date",
  aggregate: { kind: "count" },
  params: z.strictObject({ process: z.string().trim().min(1).max(100) }),
  paramHelp: { process: { ja: "工程の名前（切削加工、プレス加工 …）", en: "Process name" } },
  readsPast: true,
  publicValue: true,
  compute: async (db, q) => {
    const { vocab, term } = await termOf(db, q, "process", "process", q.params.process);
    const { all, listed } = await shownAt(db, q.municipalityCode, q.asOf);
    const n = listed.filter((c) => showsProcess(c, vocab, term.code)).length;
    const empty = all.length === 0;
    return { value: n, count: n, empty, link: portal({ process: term.name }) };
  },
});

/** The sources the company registry offers (listed in core/indicator-sources/all-sources.ts). */
export const companiesSources: readonly IndicatorSource[] = [listed, withCertification, byProcess];

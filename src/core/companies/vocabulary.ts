import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { validationError } from "../errors.js";
import { normalizeForSearch } from "../search/normalize.js";
import { SEED_VOCABULARY, VOCABULARY_KINDS, type VocabularyKind } from "./vocabulary.seed.js";

export { VOCABULARY_KINDS, type VocabularyKind } from "./vocabulary.seed.js";

type Db = Kysely<Database>;

export interface Term {
  kind: VocabularyKind;
  code: string;
  name: string;
  nameEn: string;
  parent: string | null;
  aliases: string[];
  /** "" for a national term, else the municipality that added it. */
  municipalityCode: string;
}

/**
 * The vocabularies as one municipality sees them (national terms and its own), with lookups by
 * any spelling and the process tree. Load it once per request or import; it is small.
 *
 * @example
 * const vocab = await loadVocabulary(db, "272230");
 * vocab.resolve("process", "ﾏｼﾆﾝｸﾞ加工") // { code: "machining", name: "マシニング加工", … }
 * vocab.withAncestors("process", "machining") // ["machining", "cutting"]
 * vocab.withDescendants("process", "cutting") // ["cutting", "turning", "machining", "milling", …]
 */
export class Vocabulary {
  private readonly byKey = new Map<string, Term>();
  private readonly bySpelling = new Map<string, Term>();

  constructor(readonly terms: readonly Term[]) {
    for (const t of terms) {
      this.byKey.set(`${t.kind}:${t.code}`, t);
      for (const spelling of [t.code, t.name, t.nameEn, ...t.aliases])
        this.bySpelling.set(`${t.kind}:${spell(spelling)}`, t);
    }
  }

  /** The term a person meant by `text` (its code, name, English name or an alias; width and case ignored). */
  resolve(kind: VocabularyKind, text: string): Term | undefined {
    return this.bySpelling.get(`${kind}:${spell(text)}`);
  }

  get(kind: VocabularyKind, code: string): Term | undefined {
    return this.byKey.get(`${kind}:${code}`);
  }

  list(kind: VocabularyKind): Term[] {
    return this.terms.filter((t) => t.kind === kind);
  }

  /** The code and every parent above it (a firm that does マシニング加工 does 切削加工). */
  withAncestors(kind: VocabularyKind, code: string): string[] {
    const out: string[] = [];
    let term = this.get(kind, code);
    while (term && !out.includes(term.code)) {
      out.push(term.code);
      term = term.parent ? this.get(kind, term.parent) : undefined;
    }
    return out;
  }

  /** The code and every term below it. */
  withDescendants(kind: VocabularyKind, code: string): string[] {
    const out = [code];
    for (let i = 0; i < out.length; i++)
      for (const t of this.terms)
        if (t.kind === kind && t.parent === out[i] && !out.includes(t.code)) out.push(t.code);
    return out;
  }
}

function spell(text: string): string {
  return normalizeForSearch(text).replace(/[・･\-‐]/gu, "");
}

/** Writes the national terms shipped in code that the database lacks (new releases add terms). */
export async function seedVocabulary(db: Db): Promise<void> {
  const existing = new Set(
    (await db.selectFrom("company_vocabulary").select(["kind", "code"]).execute()).map(
      (r) => `${r.kind}:${r.code}`,
    ),
  );
  const rows = VOCABULARY_KINDS.flatMap((kind) =>
    SEED_VOCABULARY[kind].map((t, position) => ({
      kind,
      code: t.code,
      municipality_code: "",
      parent_code: t.parent ?? null,
      name: t.name,
      name_en: t.nameEn,
      aliases: JSON.stringify(t.aliases ?? []),
      position,
    })),
  ).filter((r) => !existing.has(`${r.kind}:${r.code}`));
  if (rows.length > 0) await db.insertInto("company_vocabulary").values(rows).execute();
}

export async function loadVocabulary(db: Db, municipalityCode: string | null): Promise<Vocabulary> {
  let query = db
    .selectFrom("company_vocabulary")
    .selectAll()
    .orderBy("kind")
    .orderBy("position")
    .orderBy("code");
  if (municipalityCode !== null) query = query.where("municipality_code", "in", ["", municipalityCode]);
  const rows = await query.execute();
  return new Vocabulary(
    rows.map((r) => ({
      kind: r.kind as VocabularyKind,
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      parent: r.parent_code,
      aliases: JSON.parse(r.aliases) as string[],
      municipalityCode: r.municipality_code,
    })),
  );
}

export interface NewTerm {
  kind: VocabularyKind;
  code: string;
  name: string;
  nameEn?: string;
  parent?: string | null;
  aliases?: string[];
}

/**
 * Adds a municipality's own term (a local process, a city certification such as カドマイスター in
 * another city). Refused when the code or a spelling is taken or the parent is unknown.
 *
 * @example
 * await addTerm(trx, "272230", { kind: "process", code: "kadoma-hairline", name: "ヘアライン加工", parent: "polishing" });
 */
export async function addTerm(db: Db, municipalityCode: string, term: NewTerm): Promise<Term> {
  const vocab = await loadVocabulary(db, null);
  const issues = [];
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(term.code))
    issues.push({ path: "code", message: "must be lower-case letters, digits and hyphens" });
  if (vocab.get(term.kind, term.code)) issues.push({ path: "code", message: `"${term.code}" is taken` });
  for (const s of [term.name, ...(term.aliases ?? [])]) {
    const clash = vocab.resolve(term.kind, s);
    if (clash) issues.push({ path: "name", message: `"${s}" already means ${clash.name}` });
  }
  if (term.name.trim() === "") issues.push({ path: "name", message: "is required" });
  if (term.parent && !vocab.get(term.kind, term.parent))
    issues.push({ path: "parent", message: `"${term.parent}" is not a ${term.kind}` });
  if (issues.length > 0) throw validationError(issues);
  const position = vocab.list(term.kind).length;
  await db
    .insertInto("company_vocabulary")
    .values({
      kind: term.kind,
      code: term.code,
      municipality_code: municipalityCode,
      parent_code: term.parent ?? null,
      name: term.name.trim(),
      name_en: term.nameEn ?? term.name.trim(),
      aliases: JSON.stringify(term.aliases ?? []),
      position,
    })
    .execute();
  return {
    kind: term.kind,
    code: term.code,
    name: term.name.trim(),
    nameEn: term.nameEn ?? term.name.trim(),
    parent: term.parent ?? null,
    aliases: term.aliases ?? [],
    municipalityCode,
  };
}

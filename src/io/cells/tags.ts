/**
 * Tags as the city's table prints them: 【DX】【GX】. Inside the brackets, a backslash escapes
 * 【, 】 and itself, so every tag can be written. Documented in docs/import-export.md.
 */

const TAG_GROUP = /【((?:[^【】\\]|\\.)*)】/suy;

function escapeTag(tag: string): string {
  return tag.replace(/[\\【】]/gu, (c) => `\\${c}`);
}

function unescapeTag(text: string): string {
  return text.replace(/\\(.)/gsu, "$1");
}

/** @example renderTags(["DX", "GX"]) // "【DX】【GX】" */
export function renderTags(tags: readonly string[]): string {
  return tags.map((t) => `【${escapeTag(t)}】`).join("");
}

/**
 * Reads a tags cell: 【DX】【GX】, or, typed by hand without brackets, DX, GX (comma, 、 or line
 * separated). Returns null when brackets are present but do not close.
 */
export function parseTags(cell: string): string[] | null {
  const text = cell.trim();
  if (text === "") return [];
  if (!text.includes("【")) {
    return text
      .split(/[,、，\n]/u)
      .map((t) => t.trim())
      .filter((t) => t !== "");
  }
  const tags: string[] = [];
  let at = 0;
  while (at < text.length) {
    while (at < text.length && /\s/u.test(text[at]!)) at++;
    if (at >= text.length) break;
    TAG_GROUP.lastIndex = at;
    const m = TAG_GROUP.exec(text);
    if (!m) return null;
    tags.push(unescapeTag(m[1]!).trim());
    at = TAG_GROUP.lastIndex;
  }
  return tags;
}

/**
 * Splits the trailing 【tags】 off an action name as the table prints it: 「…効率化【DX】」.
 * The name keeps its own spacing (unlike the extracted-text reader, which joins split words).
 */
export function splitNameAndTags(cell: string): { name: string; tags: string[] } {
  const text = cell.trim();
  const tail = /(?:【(?:[^【】\\]|\\.)*】\s*)+$/su.exec(text);
  if (!tail) return { name: text, tags: [] };
  const tags = parseTags(tail[0]);
  if (tags === null) return { name: text, tags: [] };
  return { name: text.slice(0, tail.index).trim(), tags };
}

/** @example renderNameAndTags("効率化", ["DX"]) // "効率化【DX】" */
export function renderNameAndTags(name: string, tags: readonly string[]): string {
  return name + renderTags(tags);
}

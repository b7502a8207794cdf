/**
 * Lists written inside one spreadsheet cell, one item per marked line: the description
 * (● under way, ○ to come) and the challenges (・). An item's text may run over several lines;
 * a continuation line that would read as a new item (it starts with a marker) or starts with a
 * backslash is written with a backslash in front. Documented in docs/import-export.md.
 */

export interface MarkedListSpec<K extends string> {
  /** Markers per kind; the first is the one written, the others are also read. */
  markers: Record<K, readonly string[]>;
}

export interface MarkedItem<K extends string> {
  kind: K;
  text: string;
}

export interface ParsedList<K extends string> {
  items: MarkedItem<K>[];
  /** Text before the first marker (a hand-written cell without ● or ・); the caller decides. */
  unmarked: string;
}

function allMarkers<K extends string>(spec: MarkedListSpec<K>): string[] {
  return Object.values<readonly string[]>(spec.markers).flat();
}

function escapeLine(line: string, markers: readonly string[]): string {
  return line.startsWith("\\") || markers.some((m) => line.startsWith(m)) ? `\\${line}` : line;
}

/**
 * @example
 * renderMarkedList([{ kind: "ongoing", text: "相談を実施" }], DESCRIPTION) // "●相談を実施"
 */
export function renderMarkedList<K extends string>(
  items: readonly MarkedItem<K>[],
  spec: MarkedListSpec<K>,
): string {
  const markers = allMarkers(spec);
  return items
    .map((item) => {
      const [first = "", ...rest] = item.text.split(/\r?\n/);
      const marker = spec.markers[item.kind][0]!;
      return [marker + first, ...rest.map((l) => escapeLine(l, markers))].join("\n");
    })
    .join("\n");
}

/** Reads a cell written by {@link renderMarkedList} or by hand. Item texts are trimmed. */
export function parseMarkedList<K extends string>(cell: string, spec: MarkedListSpec<K>): ParsedList<K> {
  const kinds = Object.entries<readonly string[]>(spec.markers) as [K, readonly string[]][];
  const items: { kind: K; lines: string[] }[] = [];
  const unmarked: string[] = [];
  for (const raw of cell.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.replace(/\s+$/u, "");
    let started = false;
    if (!line.startsWith("\\")) {
      for (const [kind, markers] of kinds) {
        const marker = markers.find((m) => line.startsWith(m));
        if (marker !== undefined) {
          items.push({ kind, lines: [line.slice(marker.length)] });
          started = true;
          break;
        }
      }
    }
    if (started) continue;
    const text = line.startsWith("\\") ? line.slice(1) : line;
    const current = items[items.length - 1];
    if (current) current.lines.push(text);
    else unmarked.push(text);
  }
  return {
    items: items.map((i) => ({ kind: i.kind, text: i.lines.join("\n").trim() })).filter((i) => i.text !== ""),
    unmarked: unmarked.join("\n").trim(),
  };
}

export const DESCRIPTION: MarkedListSpec<"ongoing" | "planned"> = {
  markers: { ongoing: ["●"], planned: ["○", "〇"] },
};

export const CHALLENGES: MarkedListSpec<"item"> = { markers: { item: ["・", "●", "•"] } };

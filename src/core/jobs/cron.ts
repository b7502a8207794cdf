/**
 * A five-field cron expression (minute hour day-of-month month day-of-week, UTC) as a matcher of
 * minutes: numbers, `*`, lists `1,15`, ranges `1-5` and steps `*\/10` or `0-30/5`. Day of week 0
 * or 7 is Sunday. Like classic cron, when both day fields are restricted either may match.
 * The in-process runner uses it; pg-boss reads the same expressions with cron-parser.
 */
export interface Cron {
  matches(date: Date): boolean;
}

const FIELDS: [string, number, number][] = [
  ["minute", 0, 59],
  ["hour", 0, 23],
  ["day of month", 1, 31],
  ["month", 1, 12],
  ["day of week", 0, 7],
];

function parseField(text: string, [name, min, max]: [string, number, number]): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`cron ${name}: cannot read "${part}"`);
    const from = m[1] === "*" ? min : Number(m[2]);
    const to = m[1] === "*" ? max : m[3] !== undefined ? Number(m[3]) : m[4] ? max : from;
    const step = m[4] ? Number(m[4]) : 1;
    if (from < min || to > max || from > to || step < 1)
      throw new Error(`cron ${name}: "${part}" is out of ${min}–${max}`);
    for (let v = from; v <= to; v += step) values.add(name === "day of week" && v === 7 ? 0 : v);
  }
  return values;
}

/**
 * @example
 * parseCron("0 * * * *").matches(new Date("2026-03-01T10:00:00Z")) // true
 */
export function parseCron(expression: string): Cron {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron "${expression}" must have five fields`);
  const [minute, hour, dom, month, dow] = parts.map((p, i) => parseField(p, FIELDS[i]!));
  const domAny = parts[2] === "*";
  const dowAny = parts[4] === "*";
  return {
    matches(date: Date) {
      const dayOk =
        domAny && dowAny
          ? true
          : domAny
            ? dow!.has(date.getUTCDay())
            : dowAny
              ? dom!.has(date.getUTCDate())
              : dom!.has(date.getUTCDate()) || dow!.has(date.getUTCDay());
      return (
        minute!.has(date.getUTCMinutes()) &&
        hour!.has(date.getUTCHours()) &&
        month!.has(date.getUTCMonth() + 1) &&
        dayOk
      );
    },
  };
}

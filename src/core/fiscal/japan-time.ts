/** Japan has kept UTC+9 all year since 1952 (no daylight saving). */
const JST_OFFSET_MS = 9 * 3600 * 1000;

/**
 * The date and time in Japan of an ISO timestamp, for showing when something happened.
 *
 * @example
 * japanDateTime("2026-03-20T09:05:00.000Z") // { date: "2026-03-20", time: "18:05" }
 */
export function japanDateTime(timestamp: string): { date: string; time: string } {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) throw new RangeError(`"${timestamp}" is not a timestamp`);
  const iso = new Date(ms + JST_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

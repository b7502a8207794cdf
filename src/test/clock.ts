import type { Clock } from "../core/clock.js";

/** A clock that stands still until a test moves it. */
export class TestClock implements Clock {
  #now: number;
  constructor(start = "2025-04-01T09:00:00.000Z") {
    this.#now = Date.parse(start);
  }
  now(): Date {
    return new Date(this.#now);
  }
  advance(ms: number): void {
    this.#now += ms;
  }
}

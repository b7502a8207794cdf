import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

describe("configuration of accounts and proxies", () => {
  it.each([
    [undefined, false],
    ["false", false],
    ["true", true],
    ["1", 1],
    ["10.0.0.0/8, 192.168.1.10", ["10.0.0.0/8", "192.168.1.10"]],
  ])("reads TRUST_PROXY=%j", (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it("refuses a TRUST_PROXY it cannot read, naming the variable", () => {
    expect(() => loadConfig({ TRUST_PROXY: "the load balancer" })).toThrow(
      /TRUST_PROXY: must be false, true/,
    );
  });

  it("reads session lifetimes and refuses absurd ones", () => {
    expect(loadConfig({ SESSION_IDLE_MINUTES: "30", SESSION_ABSOLUTE_HOURS: "8" })).toMatchObject({
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 8,
    });
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: "1" })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ SESSION_ABSOLUTE_HOURS: "0" })).toThrow(/SESSION_ABSOLUTE_HOURS/);
  });
});

import { describe, expect, it } from "vitest";
import { loadConfig, smtpPortOf } from "./config.js";

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

describe("configuration of mail and jobs", () => {
  it("runs without SMTP by default (mails to the log), reminders 7 and 1 days ahead, jobs on", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ smtpSecurity: "starttls", reviewReminderDays: [7, 1], jobs: "on" });
    expect(config.smtpHost).toBeUndefined();
  });

  it("reads an SMTP server with its port by security, sender and reminder days", () => {
    const config = loadConfig({
      SMTP_HOST: "smtp.city.example.jp",
      SMTP_SECURITY: "tls",
      SMTP_USER: "shinko",
      SMTP_PASSWORD: " pass with spaces ",
      MAIL_FROM: "門真市 産業振興課 <noreply@city.example.jp>",
      PUBLIC_URL: "https://shinko.city.example.jp/",
      REVIEW_REMINDER_DAYS: "1, 14,7",
    });
    expect(smtpPortOf(config)).toBe(465);
    expect(smtpPortOf({ ...config, smtpSecurity: "starttls" })).toBe(587);
    expect(config.smtpPassword).toBe(" pass with spaces ");
    expect(config.publicUrl).toBe("https://shinko.city.example.jp");
    expect(config.reviewReminderDays).toEqual([14, 7, 1]);
  });

  it("refuses what cannot work, naming the variable and never echoing the password", () => {
    expect(() => loadConfig({ SMTP_HOST: "smtp.example.jp" })).toThrow(/MAIL_FROM: required when SMTP_HOST/);
    expect(() => loadConfig({ SMTP_HOST: "smtp.example.jp", MAIL_FROM: "x@y.jp", SMTP_USER: "u" })).toThrow(
      /SMTP_PASSWORD: SMTP_USER and SMTP_PASSWORD go together/,
    );
    expect(() => loadConfig({ SMTP_SECURITY: "ssl" })).toThrow(/SMTP_SECURITY/);
    expect(() => loadConfig({ SMTP_PORT: "99999" })).toThrow(/SMTP_PORT/);
    expect(() => loadConfig({ MAIL_FROM: "not an address" })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ PUBLIC_URL: "shinko.example.jp" })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ REVIEW_REMINDER_DAYS: "7,0" })).toThrow(/REVIEW_REMINDER_DAYS/);
    expect(() => loadConfig({ JOBS: "maybe" })).toThrow(/JOBS/);
    let message = "";
    try {
      loadConfig({ SMTP_USER: "u", SMTP_PASSWORD: "hunter2-secret", MAIL_FROM: "x@y.jp" });
    } catch (e) {
      message = String(e);
    }
    expect(message).toMatch(/SMTP_HOST: required when SMTP_USER/);
    expect(message).not.toContain("hunter2-secret");
  });
});

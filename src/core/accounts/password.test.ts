import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, passwordProblems, verifyPassword } from "./password.js";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("stores scrypt with its parameters and a fresh salt each time", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("correct");
  });

  it("still verifies a hash made with older, weaker parameters, and says it needs a new one", async () => {
    const weak = await hashPassword("correct horse battery staple", { ln: 12, r: 8, p: 1 });
    expect(weak).toMatch(/^\$scrypt\$ln=12,r=8,p=1\$/);
    expect(await verifyPassword("correct horse battery staple", weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await hashPassword("x".repeat(12) + "abcd"))).toBe(false);
  });

  it("refuses a damaged or absurd stored hash without trying it", async () => {
    expect(await verifyPassword("anything at all", "plain-text-password")).toBe(false);
    expect(await verifyPassword("anything at all", "$scrypt$ln=40,r=8,p=1$AAAA$AAAA")).toBe(false);
    expect(needsRehash("plain-text-password")).toBe(true);
  });

  it("treats full-width and half-width input alike (Japanese input methods)", async () => {
    const stored = await hashPassword("Kadoma2025password");
    expect(await verifyPassword("Ｋａｄｏｍａ２０２５ｐａｓｓｗｏｒｄ", stored)).toBe(true);
  });

  it.each([
    ["short1", "must be at least 12 characters"],
    ["aaaaaaaaaaaaaaaa", "must not repeat a few characters over and over"],
    ["x".repeat(257), "must be at most 256 characters"],
    ["tanaka-password-2025", "must not contain the name part of the e-mail address"],
  ])("refuses the new password %j: %s", (password, problem) => {
    expect(passwordProblems(password, "tanaka@city.example")).toContain(problem);
  });

  it("accepts a long passphrase, also in Japanese", () => {
    expect(passwordProblems("correct horse battery staple", "tanaka@city.example")).toEqual([]);
    expect(passwordProblems("門真市のものづくりを応援します", "tanaka@city.example")).toEqual([]);
  });
});

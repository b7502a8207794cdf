import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.js";
import {
  actorLabel,
  auditActorOf,
  ownsNothing,
  requireEditor,
  requireManager,
} from "./review.permissions.js";

const codeOf = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (error) {
    if (error instanceof DomainError) return [error.code, error.message];
    throw error;
  }
  return null;
};

describe("who may work on a review", () => {
  it("lets plan managers and administrators do a manager's step, and refuses others as forbidden", async () => {
    expect(await codeOf(() => requireManager({ id: "a", role: "plan_manager" }, "publish"))).toBeNull();
    expect(await codeOf(() => requireManager({ id: "a", role: "admin" }, "publish"))).toBeNull();
    expect(await codeOf(() => requireManager({ id: "o", role: "action_owner" }, "publish"))).toEqual([
      "forbidden",
      "only a plan manager can publish",
    ]);
  });

  it("lets an action owner edit only assigned actions, and never a viewer, even one named as owner", async () => {
    const owns = async (id: string, _plan: string, n: number) => id === "o" && n === 3;
    expect(await codeOf(() => requireEditor({ id: "o", role: "action_owner" }, owns, "p", 3))).toBeNull();
    expect(await codeOf(() => requireEditor({ id: "o", role: "action_owner" }, owns, "p", 4))).toEqual([
      "forbidden",
      "you are not assigned to action 4",
    ]);
    expect(await codeOf(() => requireEditor({ id: "o", role: "viewer" }, owns, "p", 3))).toEqual([
      "forbidden",
      "you are not assigned to action 3",
    ]);
    expect(
      await codeOf(() => requireEditor({ id: "m", role: "plan_manager" }, ownsNothing, "p", 9)),
    ).toBeNull();
    expect(await ownsNothing("o", "p", 3)).toBe(false);
  });

  it("names an actor by name, else by id, in the history and the audit log", () => {
    expect(actorLabel({ id: "a1", role: "viewer", name: "x@city.example" })).toBe("x@city.example");
    expect(actorLabel({ id: "a1", role: "viewer" })).toBe("a1");
    expect(auditActorOf({ id: "a1", role: "viewer", name: "x@city.example" })).toEqual({
      accountId: "a1",
      label: "x@city.example",
    });
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DAY } from "../clock.js";
import { assignActionOwner } from "../access/action-owners.js";
import { deliverDueMail } from "../mail/outbox.js";
import { importPlan } from "../plan/plan.service.js";
import { testAccount } from "../../test/accounts.js";
import { TestClock } from "../../test/clock.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { smallPlan, testAction } from "../../test/fixtures.js";
import { startTestSmtp, transportTo, type TestSmtp } from "../../test/smtp.js";
import { openCycle } from "./cycle.service.js";
import { dueReminder, listReminders, sendReviewReminders } from "./reminders.service.js";

describe("which reminder is due", () => {
  it("follows the days before the deadline, then the week after it", () => {
    const due = (today: string) => dueReminder(today, "2026-03-15", [7, 1]);
    expect(due("2026-03-07")).toBeNull();
    expect(due("2026-03-08")).toBe("before_7");
    expect(due("2026-03-13")).toBe("before_7");
    expect(due("2026-03-14")).toBe("before_1");
    expect(due("2026-03-15")).toBe("before_1");
    expect(due("2026-03-16")).toBe("overdue");
    expect(due("2026-03-22")).toBe("overdue");
    expect(due("2026-03-23")).toBeNull();
    expect(dueReminder("2026-03-12", "2026-03-15", [3])).toBe("before_3");
  });
});

describe.each(testDialects)("review reminders on %s", (dialect) => {
  let t: TestDatabase;
  let smtp: TestSmtp;
  let clock: TestClock;
  const settings = { daysBefore: [7, 1], publicUrl: "https://shinko.city.example" };
  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(() => smtp.close());
  beforeEach(async () => {
    t = await openTestDatabase(dialect);
    smtp.received.length = 0;
    clock = new TestClock("2026-02-01T00:00:00.000Z");
  });
  afterEach(() => t.close());

  /** A plan of three actions: Yamada owns 1 and 2, Sato owns 2 and 3, a disabled account owns 3. */
  async function setUp() {
    const actions = [
      testAction(1, { name: "技能継承の支援" }),
      testAction(2, { name: "販路開拓" }),
      testAction(3),
    ];
    await importPlan(t.db, smallPlan({}, actions));
    const manager = await testAccount(t.db, { role: "plan_manager" });
    const yamada = await testAccount(t.db, {
      role: "action_owner",
      displayName: "山田 太郎",
      email: "yamada@city.example",
    });
    const sato = await testAccount(t.db, {
      role: "action_owner",
      displayName: "佐藤 花子",
      email: "sato@city.example",
    });
    const gone = await testAccount(t.db, { role: "action_owner", email: "gone@city.example" });
    const acting = { actor: { accountId: manager.id, label: manager.email } };
    for (const [account, n] of [
      [yamada, 1],
      [yamada, 2],
      [sato, 2],
      [sato, 3],
      [gone, 3],
    ] as const) {
      await assignActionOwner(t.db, { planId: "testshi", actionNumber: n, accountId: account.id }, acting);
    }
    await t.db
      .updateTable("accounts")
      .set({ disabled_at: clock.now().toISOString() })
      .where("id", "=", gone.id)
      .execute();
    await t.db
      .transaction()
      .execute((trx) =>
        openCycle(
          trx,
          "testshi",
          { fiscalYear: 2025, asOf: "2026-02-28", deadline: "2026-03-15" },
          { actor: { id: manager.email, role: "plan_manager" }, clock },
        ),
      );
    return { yamada, sato };
  }
  const at = (iso: string) => (clock = new TestClock(iso));
  const run = () => sendReviewReminders(t.db, settings, clock);
  const deliver = () =>
    deliverDueMail(t.db, {
      transport: transportTo(smtp),
      from: "shinko <noreply@city.example>",
      clock,
    });

  it("reminds owners of unsubmitted actions 7 and 1 days ahead and the day after, each once", async () => {
    const { yamada } = await setUp();
    // Action 2 was submitted: nobody is reminded of it.
    await t.db
      .updateTable("action_reviews")
      .set({ status: "submitted" })
      .where("action_number", "=", 2)
      .execute();

    at("2026-03-06T23:00:00.000Z"); // 03-07 08:00 in Japan: eight days ahead
    expect(await run()).toEqual({ mails: 0, reminded: 0 });

    at("2026-03-07T15:30:00.000Z"); // 03-08 00:30 in Japan: seven days ahead
    expect(await run()).toEqual({ mails: 2, reminded: 2 });
    expect(await run()).toEqual({ mails: 0, reminded: 0 }); // the next hour's run
    expect(await deliver()).toMatchObject({ sent: 2 });
    const byTo = new Map(smtp.received.map((m) => [m.to[0], m]));
    expect([...byTo.keys()].sort()).toEqual(["sato@city.example", "yamada@city.example"]);
    const toYamada = byTo.get("yamada@city.example")!;
    expect(toYamada.subject).toBe("【shinko】令和7年度の振り返り：提出期限（令和8年3月15日）まであと7日です");
    expect(toYamada.body).toContain("山田 太郎 様");
    expect(toYamada.body).toContain("・No.1 技能継承の支援");
    expect(toYamada.body).not.toContain("No.2");
    expect(toYamada.body).toContain("https://shinko.city.example/plans/testshi/reviews/2025?show=mine");
    expect(byTo.get("sato@city.example")!.body).toContain("・No.3 アクション3");

    clock.advance(2 * DAY); // 03-10: still the seven-day reminder's days, already sent
    expect(await run()).toEqual({ mails: 0, reminded: 0 });

    // Yamada submits action 1; Sato has not: only Sato hears of the last day.
    await t.db
      .updateTable("action_reviews")
      .set({ status: "submitted" })
      .where("action_number", "=", 1)
      .execute();
    at("2026-03-13T16:00:00.000Z"); // 03-14 in Japan
    expect(await run()).toEqual({ mails: 1, reminded: 1 });
    at("2026-03-15T16:00:00.000Z"); // 03-16 in Japan: the day after
    expect(await run()).toEqual({ mails: 1, reminded: 1 });
    expect(await deliver()).toMatchObject({ sent: 2 });
    const last = smtp.received.slice(2);
    expect(last.map((m) => m.to[0])).toEqual(["sato@city.example", "sato@city.example"]);
    expect(last.map((m) => m.subject)).toEqual([
      "【shinko】令和7年度の振り返り：提出期限（令和8年3月15日）まであと1日です",
      "【shinko】令和7年度の振り返り：提出期限（令和8年3月15日）を過ぎました",
    ]);
    expect(smtp.received.some((m) => m.to[0] === "gone@city.example")).toBe(false);

    const list = await listReminders(t.db, "testshi", 2025);
    expect(list.map((r) => [r.kind, r.actionNumber, r.displayName, r.mailStatus])).toEqual([
      ["overdue", 3, "佐藤 花子", "sent"],
      ["before_1", 3, "佐藤 花子", "sent"],
      ["before_7", 1, "山田 太郎", "sent"],
      ["before_7", 3, "佐藤 花子", "sent"],
    ]);
    expect(list.some((r) => r.accountId === yamada.id && r.kind !== "before_7")).toBe(false);
  });

  it("counts a returned review as not submitted, and reminds nobody once the cycle is closed", async () => {
    await setUp();
    await t.db
      .updateTable("action_reviews")
      .set({ status: "returned" })
      .where("action_number", "=", 1)
      .execute();
    at("2026-03-08T00:00:00.000Z");
    const first = await run();
    expect(first.reminded).toBe(4); // 1 and 2 (Yamada), 2 and 3 (Sato): returned counts as not submitted
    await t.db.updateTable("review_cycles").set({ status: "closed" }).execute();
    at("2026-03-14T00:00:00.000Z");
    expect(await run()).toEqual({ mails: 0, reminded: 0 });
  });

  it("does not send a reminder twice when two servers run it at once", async () => {
    await setUp();
    at("2026-03-08T00:00:00.000Z");
    const runs = await Promise.all([run(), run()]);
    expect(runs[0].mails + runs[1].mails).toBe(2);
    await deliver();
    expect(smtp.received).toHaveLength(2);
  });
});

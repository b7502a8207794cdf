import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignActionOwner } from "../../../core/access/action-owners.js";
import { systemActor } from "../../../core/audit/audit.js";
import { deliverDueMail } from "../../../core/mail/outbox.js";
import { openCycle } from "../../../core/review/cycle.service.js";
import { sendReviewReminders } from "../../../core/review/reminders.service.js";
import { logTransport } from "../../../infra/mail/log.transport.js";
import { sessionFor, testAccount, type Credentials } from "../../../test/accounts.js";
import { TestClock } from "../../../test/clock.js";
import { testDialects } from "../../../test/databases.js";
import { startPagesApp, XSS, type PagesApp } from "../testing/page-fixtures.js";

const text = (res: LightMyRequestResponse) =>
  res.body
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe.each(testDialects)("the reminders on a review cycle's staff page on %s", (dialect) => {
  let t: PagesApp;
  let manager: Credentials;
  let owner: Credentials;
  const page = (who: Credentials) =>
    t.app.inject({
      method: "GET",
      url: "/plans/kadoma/reviews/2025",
      headers: { accept: "text/html", cookie: who.cookie },
    });

  beforeAll(async () => {
    t = await startPagesApp(dialect);
    const db = t.db.db;
    const managerAccount = await testAccount(db, { role: "plan_manager" });
    manager = await sessionFor(db, managerAccount);
    const ownerAccount = await testAccount(db, { role: "action_owner", displayName: `${XSS.script} 担当` });
    owner = await sessionFor(db, ownerAccount);
    const clock = new TestClock("2026-02-01T00:00:00.000Z");
    for (const n of [13, 16]) {
      await assignActionOwner(
        db,
        { planId: "kadoma", actionNumber: n, accountId: ownerAccount.id },
        { actor: systemActor("test") },
      );
    }
    await db
      .transaction()
      .execute((trx) =>
        openCycle(
          trx,
          "kadoma",
          { fiscalYear: 2025, asOf: "2026-02-28", deadline: "2026-03-15" },
          { actor: { id: managerAccount.email, role: "plan_manager" }, clock },
        ),
      );
  });
  afterAll(async () => {
    await t?.close();
  });

  it("tells the plan manager that none was sent yet, then lists each with its mail's status", async () => {
    expect(text(await page(manager))).toContain("まだリマインダーは送信していません。");
    const clock = new TestClock("2026-03-08T01:00:00.000Z");
    await sendReviewReminders(t.db.db, { daysBefore: [7, 1] }, clock);
    let res = await page(manager);
    expect(res.statusCode).toBe(200);
    expect(text(res)).toContain("送信したリマインダー");
    expect(res.body).toContain('data-reminder="before_7:13"');
    expect(res.body).toContain('data-reminder="before_7:16"');
    expect(res.body).toContain('data-mail-status="pending"');
    expect(res.body).not.toContain(XSS.script); // the owner's name is escaped
    expect(text(res)).toContain(`${XSS.script} 担当`);
    await deliverDueMail(t.db.db, {
      transport: logTransport({ info: () => undefined }),
      from: "a@b.example",
      clock,
    });
    res = await page(manager);
    expect(text(res)).toContain("締切7日前");
    expect(res.body.match(/data-mail-status="sent"/g)).toHaveLength(2);
  });

  it("does not show the list to an action owner", async () => {
    const res = await page(owner);
    expect(res.statusCode).toBe(200);
    expect(text(res)).not.toContain("送信したリマインダー");
    expect(res.body).not.toContain("data-reminder=");
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import { MINUTE } from "../../core/clock.js";
import { deliverDueMail, outboxMessages, queueMail } from "../../core/mail/outbox.js";
import { openDatabase } from "../../db/connection.js";
import { TestClock } from "../../test/clock.js";
import { openTestDatabase, testDialects, type TestDatabase } from "../../test/databases.js";
import { startTestSmtp, type TestSmtp } from "../../test/smtp.js";
import { mailTransportOf } from "./index.js";
import { logTransport } from "./log.transport.js";
import { smtpTransport } from "./smtp.transport.js";

const FROM = "門真市 産業振興課 <noreply@city.kadoma.example>";
const mail = (to = "owner@city.example") => ({
  kind: "test.notice",
  to,
  subject: "【shinko】令和7年度の振り返り：提出期限まであと7日です",
  body: "山田 太郎 様\n\n次の取組の報告がまだ提出されていません。\n・No.12 門真ブランドの発信",
});

describe.each(testDialects)("mail through the outbox on %s", (dialect) => {
  let t: TestDatabase;
  let smtp: TestSmtp;
  let clock: TestClock;
  beforeAll(async () => {
    smtp = await startTestSmtp({ user: "shinko", password: "s3cret pass" });
  });
  afterAll(() => smtp.close());
  beforeEach(async () => {
    t = await openTestDatabase(dialect);
    clock = new TestClock("2026-03-08T00:30:00.000Z");
    smtp.received.length = 0;
    smtp.refuseNext(0);
  });
  afterEach(() => t.close());
  const transport = () =>
    smtpTransport({
      host: "127.0.0.1",
      port: smtp.port,
      security: "none",
      user: "shinko",
      password: "s3cret pass",
    });

  it("sends a committed mail once, with its Japanese subject and body readable; a rolled-back one never", async () => {
    const id = await t.db.transaction().execute((trx) => queueMail(trx, mail(), clock));
    await t.db
      .transaction()
      .execute(async (trx) => {
        await queueMail(trx, mail("rolled-back@city.example"), clock);
        throw new Error("the business change failed");
      })
      .catch(() => undefined);
    expect(await deliverDueMail(t.db, { transport: transport(), from: FROM, clock })).toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
    });
    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0]!;
    expect(got.to).toEqual(["owner@city.example"]);
    expect(got.from).toBe("noreply@city.kadoma.example");
    expect(got.subject).toBe("【shinko】令和7年度の振り返り：提出期限まであと7日です");
    expect(got.body).toBe(mail().body);
    expect(got.headers.get("subject")).toMatch(/^=\?UTF-8\?[BQ]\?/); // encoded for the wire
    expect(got.headers.get("message-id")).toBe(`<${id}@city.kadoma.example>`);
    const [stored] = await outboxMessages(t.db, [id]);
    expect(stored).toMatchObject({
      status: "sent",
      attempts: 1,
      lastError: null,
      sentAt: clock.now().toISOString(),
    });
    // Nothing is due any more: a second run sends nothing.
    expect((await deliverDueMail(t.db, { transport: transport(), from: FROM, clock })).sent).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it("retries after the server refused once, after a backoff, and records the error meanwhile", async () => {
    const id = await queueMail(t.db, mail(), clock);
    smtp.refuseNext(1);
    expect(await deliverDueMail(t.db, { transport: transport(), from: FROM, clock })).toMatchObject({
      retrying: 1,
    });
    let [stored] = await outboxMessages(t.db, [id]);
    expect(stored).toMatchObject({ status: "pending", attempts: 1 });
    expect(stored!.lastError).toMatch(/451|try again later/);
    expect(smtp.received).toHaveLength(0);
    // Not before the backoff (one minute after the first failure).
    clock.advance(30_000);
    expect((await deliverDueMail(t.db, { transport: transport(), from: FROM, clock })).sent).toBe(0);
    clock.advance(MINUTE);
    expect((await deliverDueMail(t.db, { transport: transport(), from: FROM, clock })).sent).toBe(1);
    [stored] = await outboxMessages(t.db, [id]);
    expect(stored).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(smtp.received.map((m) => m.subject)).toEqual([mail().subject]);
  });

  it("gives up after the last attempt: failed, with the server's last answer", async () => {
    const id = await queueMail(t.db, mail(), clock);
    smtp.refuseNext(3);
    for (let i = 0; i < 3; i++) {
      await deliverDueMail(t.db, { transport: transport(), from: FROM, clock, policy: { maxAttempts: 3 } });
      clock.advance(10 * MINUTE);
    }
    const [stored] = await outboxMessages(t.db, [id]);
    expect(stored).toMatchObject({ status: "failed", attempts: 3 });
    expect(stored!.lastError).toMatch(/451/);
    expect(stored!.lastError).not.toContain("s3cret");
    expect((await deliverDueMail(t.db, { transport: transport(), from: FROM, clock })).sent).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it("sends each message once when two servers deliver at the same time", async () => {
    for (let i = 0; i < 12; i++) await queueMail(t.db, mail(`owner${i}@city.example`), clock);
    const other = await openDatabase(t.url); // a second server: its own connection(s)
    try {
      const results = await Promise.all([
        deliverDueMail(t.db, { transport: transport(), from: FROM, clock }),
        deliverDueMail(other.db, { transport: transport(), from: FROM, clock }),
      ]);
      expect(results[0].sent + results[1].sent).toBe(12);
    } finally {
      await other.close();
    }
    expect(smtp.received).toHaveLength(12);
    expect(new Set(smtp.received.map((m) => m.to[0])).size).toBe(12);
  });

  it("writes mails to the log when no SMTP server is configured, with one-time links redacted", async () => {
    const config = loadConfig({ SMTP_PASSWORD: undefined });
    const lines: { details: Record<string, unknown>; message: string }[] = [];
    const log = {
      info: (details: Record<string, unknown>, message: string) => lines.push({ details, message }),
    };
    const fallback = mailTransportOf(config, log);
    expect(fallback.description).toMatch(/^log \(no SMTP_HOST configured/);
    const id = await queueMail(
      t.db,
      { ...mail(), body: "設定はこちら: https://shinko.example/setup?token=abcdefSECRET123&lang=ja" },
      clock,
    );
    await deliverDueMail(t.db, { transport: fallback, from: FROM, clock });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.message).toBe(
      `mail NOT SENT (no SMTP_HOST configured) to owner@city.example: ${mail().subject}`,
    );
    const logged = JSON.stringify(lines[0]!.details);
    expect(logged).toContain("token=[redacted]&lang=ja");
    expect(logged).not.toContain("abcdefSECRET123");
    expect((await outboxMessages(t.db, [id]))[0]!.status).toBe("sent");
    expect(smtp.received).toHaveLength(0);
  });
});

describe("the SMTP transport", () => {
  it("refuses to send with a wrong password, naming the server's answer and never the password", async () => {
    const smtp = await startTestSmtp({ user: "shinko", password: "right" });
    try {
      const wrong = smtpTransport({
        host: "127.0.0.1",
        port: smtp.port,
        security: "none",
        user: "shinko",
        password: "wrong-pw",
      });
      const error = await wrong
        .send({ id: "x", from: FROM, to: "a@city.example", subject: "件名", body: "本文" })
        .catch((e: unknown) => e);
      expect(String(error)).toMatch(/535|auth/i);
      expect(String(error)).not.toContain("wrong-pw");
      expect(smtp.received).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });

  it("is described without its password", () => {
    const t = logTransport({ info: () => undefined });
    expect(t.description).toContain("log");
    const s = smtpTransport({
      host: "smtp.example.jp",
      port: 587,
      security: "starttls",
      user: "u",
      password: "pw-123",
    });
    expect(s.description).toBe("SMTP smtp.example.jp:587 (STARTTLS, user u)");
  });
});

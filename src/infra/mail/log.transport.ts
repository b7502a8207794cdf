import type { MailEnvelope, MailTransport } from "../../core/mail/mail.js";

/** Where the log transport writes: the server's logger (pino) or anything with `info`. */
export interface MailLog {
  info(details: Record<string, unknown>, message: string): void;
}

/** One-time links and tokens in a mail are secrets: the log shows that they were there, not what. */
export function redactSecrets(text: string): string {
  return text.replace(/([?&](?:token|code|key|secret)=)[^&\s]+/gi, "$1[redacted]");
}

/**
 * The transport when no SMTP server is configured: each mail is written to the log, marked as not
 * sent, so a developer or a small installation sees what would have gone out. The mail counts as
 * delivered (the outbox does not retry a log line).
 *
 * @example
 * const transport = logTransport(app.log);
 */
export function logTransport(log: MailLog): MailTransport {
  return {
    description: "log (no SMTP_HOST configured: mails are written to the log, not sent)",
    async send(mail: MailEnvelope) {
      log.info(
        {
          mail: {
            id: mail.id,
            from: mail.from,
            to: mail.to,
            subject: mail.subject,
            body: redactSecrets(mail.body),
          },
        },
        `mail NOT SENT (no SMTP_HOST configured) to ${mail.to}: ${mail.subject}`,
      );
    },
  };
}

import { smtpPortOf, type Config } from "../../config.js";
import type { MailTransport } from "../../core/mail/mail.js";
import { logTransport, type MailLog } from "./log.transport.js";
import { smtpTransport } from "./smtp.transport.js";

/** The sender when MAIL_FROM is not set (only allowed without SMTP: the mails go to the log). */
export const DEFAULT_MAIL_FROM = "shinko <noreply@localhost>";

/**
 * SMTP when SMTP_HOST is configured, else the log.
 *
 * @example
 * const transport = mailTransportOf(config, app.log);
 */
export function mailTransportOf(config: Config, log: MailLog): MailTransport {
  if (!config.smtpHost) return logTransport(log);
  return smtpTransport({
    host: config.smtpHost,
    port: smtpPortOf(config),
    security: config.smtpSecurity,
    user: config.smtpUser,
    password: config.smtpPassword,
  });
}

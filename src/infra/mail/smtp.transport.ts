import type { Transporter } from "nodemailer";
import type { MailEnvelope, MailTransport } from "../../core/mail/mail.js";

/** The SMTP settings of the configuration (config.ts validates them). */
export interface SmtpSettings {
  host: string;
  port: number;
  /** starttls: upgrade a plain connection and refuse if the server cannot; tls: TLS from the start (465); none: plain (a local relay). */
  security: "starttls" | "tls" | "none";
  user?: string | undefined;
  password?: string | undefined;
}

function domainOf(from: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(from);
  return m?.[1] ?? "shinko.invalid";
}

/**
 * Sends through an SMTP server with nodemailer, which encodes Japanese subjects (RFC 2047) and
 * bodies (UTF-8, quoted-printable or base64) as mail readers expect. Errors carry the server's
 * answer, never the password.
 *
 * @example
 * const transport = smtpTransport({ host: "smtp.example.jp", port: 587, security: "starttls", user, password });
 */
export function smtpTransport(settings: SmtpSettings): MailTransport & { close(): void } {
  let transporter: Promise<Transporter> | undefined;
  // nodemailer is loaded with the first mail, not at the server's start.
  const open = async () => {
    const { default: nodemailer } = await import("nodemailer");
    return nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.security === "tls",
      requireTLS: settings.security === "starttls",
      ignoreTLS: settings.security === "none",
      ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? "" } } : {}),
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
  };
  const mode = { starttls: "STARTTLS", tls: "TLS", none: "no TLS" }[settings.security];
  return {
    description: `SMTP ${settings.host}:${settings.port} (${mode}${settings.user ? `, user ${settings.user}` : ""})`,
    async send(mail: MailEnvelope) {
      transporter ??= open();
      await (
        await transporter
      ).sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.body,
        messageId: `<${mail.id}@${domainOf(mail.from)}>`,
        headers: { "Auto-Submitted": "auto-generated" },
      });
    },
    close: () => void transporter?.then((t) => t.close()),
  };
}

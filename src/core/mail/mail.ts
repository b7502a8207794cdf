/**
 * E-mail as the core sees it: a message to one person, plain text (Japanese as it is; the
 * transport encodes headers and body), and a transport that sends one. The core never talks SMTP:
 * the composition root (src/background.ts) picks a transport from src/infra/mail.
 */
export interface OutgoingMail {
  /** What the mail is about, e.g. "review.reminder": shown in lists, used by tests. */
  kind: string;
  to: string;
  subject: string;
  /** Plain text. */
  body: string;
}

/** A mail ready for the wire, with its sender and the outbox id as a stable Message-ID seed. */
export interface MailEnvelope {
  id: string;
  from: string;
  to: string;
  subject: string;
  body: string;
}

/**
 * Sends one mail or throws. An error's message is stored as the message's last error, so it must
 * not carry secrets (the SMTP transport's errors name the server's answer, never the password).
 */
export interface MailTransport {
  /** For the log at start: "SMTP smtp.example.jp:587 (STARTTLS)" or "log (no SMTP configured)". */
  readonly description: string;
  send(mail: MailEnvelope): Promise<void>;
}

export type MailStatus = "pending" | "sending" | "sent" | "failed";

/** One message of the outbox, as lists and tests read it. */
export interface OutboxMessage {
  id: string;
  kind: string;
  to: string;
  subject: string;
  body: string;
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  sentAt: string | null;
}

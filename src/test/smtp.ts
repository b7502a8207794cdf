import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import type { MailTransport } from "../core/mail/mail.js";
import { smtpTransport } from "../infra/mail/smtp.transport.js";

/** A message as the test SMTP server received it, decoded as a mail reader would. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  body: string;
  headers: Map<string, string>;
  raw: string;
}

export interface TestSmtp {
  port: number;
  received: ReceivedMail[];
  /** The next `n` messages are refused with a temporary error (451). */
  refuseNext(n: number): void;
  /** Credentials the server accepts; without them it accepts anyone. */
  close(): Promise<void>;
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=), joined as readers join them. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

function decodeBody(body: string, encoding: string): string {
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

/** Parses a single-part text message (what shinko sends). */
export function parseMail(raw: string, envelope: { from: string; to: string[] }): ReceivedMail {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const i = line.indexOf(":");
    if (i > 0) headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  const body = decodeBody(
    raw.slice(split + 4),
    (headers.get("content-transfer-encoding") ?? "").toLowerCase(),
  );
  return {
    ...envelope,
    subject: decodeWords(headers.get("subject") ?? ""),
    body: body.replace(/\r\n/g, "\n").replace(/\n$/, ""),
    headers,
    raw,
  };
}

/**
 * A real SMTP server on a free loopback port (the smtp-server package): what shinko sends arrives
 * here over TCP and is decoded for the test to read.
 *
 * @example
 * const smtp = await startTestSmtp();
 * // … deliver, then: expect(smtp.received[0]!.subject).toBe("…");
 */
export async function startTestSmtp(options: { user?: string; password?: string } = {}): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    disabledCommands: options.user ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    allowInsecureAuth: true,
    authOptional: !options.user,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password)
        callback(null, { user: auth.username });
      else callback(new Error("535 authentication failed"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (refusals > 0) {
          refusals--;
          const error = Object.assign(new Error("try again later"), { responseCode: 451 });
          callback(error);
          return;
        }
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        received.push(parseMail(Buffer.concat(chunks).toString("latin1"), envelope));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    refuseNext: (n) => (refusals = n),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** shinko's SMTP transport pointed at a test server (plain SMTP on loopback). */
export function transportTo(smtp: TestSmtp, auth: { user?: string; password?: string } = {}): MailTransport {
  return smtpTransport({ host: "127.0.0.1", port: smtp.port, security: "none", ...auth });
}

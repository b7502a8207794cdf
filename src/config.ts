import { z } from "zod";

const configSchema = z
  .object({
    port: z.coerce.number().int().min(0).max(65_535).default(3000),
    host: z.string().min(1).default("127.0.0.1"),
    databaseUrl: z.string().min(1).default("data/shinko.db"),
    logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Largest request body accepted, in bytes (uploads of plans and spreadsheets). */
    bodyLimit: z.coerce
      .number()
      .int()
      .min(1_024)
      .default(20 * 1024 * 1024),
    /**
     * Which proxies to believe about the client's address and protocol (X-Forwarded-For/-Proto):
     * false (none, the default), true (any: only behind a proxy that strips these headers),
     * a number of hops, or a comma-separated list of addresses/CIDR ranges. Decides Secure cookies,
     * HSTS and the address sign-in limits count.
     */
    trustProxy: z
      .string()
      .default("false")
      .transform((v, ctx) => {
        const value = v.trim();
        if (value === "false") return false;
        if (value === "true") return true;
        if (/^\d{1,2}$/.test(value)) return Number(value);
        if (/^[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*$/.test(value)) return value.split(/\s*,\s*/);
        ctx.addIssue({
          code: "custom",
          message: "must be false, true, a number of hops, or addresses/CIDR ranges",
        });
        return z.NEVER;
      }),
    /** A session ends after this many minutes without a request. */
    sessionIdleMinutes: z.coerce
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(120),
    /** A session ends this many hours after sign-in, however active. */
    sessionAbsoluteHours: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    /** After SIGTERM, requests in flight get this many seconds to finish; then the server exits anyway (code 70). */
    shutdownTimeoutSeconds: z.coerce.number().min(0.1).max(600).default(10),
    /**
     * Seconds a client has to send a whole request, body included; then 408 and the connection
     * closes. A client that trickles a body (a byte a second) no longer holds a connection forever.
     * Uploads of up to BODY_LIMIT over slow links may need more.
     */
    requestTimeoutSeconds: z.coerce.number().min(1).max(3_600).default(120),
    /** Seconds a client has to send the request's headers (at most REQUEST_TIMEOUT). */
    headersTimeoutSeconds: z.coerce.number().min(1).max(3_600).default(20),
    /** Seconds an idle keep-alive connection stays open (above a load balancer's idle timeout). */
    keepAliveTimeoutSeconds: z.coerce.number().min(1).max(3_600).default(72),
    /** Seconds a connection may pass with no byte either way before it is closed. */
    connectionTimeoutSeconds: z.coerce.number().min(1).max(3_600).default(120),
    /** The SMTP server mails go through; without it mails are written to the log (docs/mail-and-jobs.md). */
    smtpHost: z
      .string()
      .regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/, "must be a host name or address")
      .optional(),
    /** Default 587 (starttls), 465 (tls), 25 (none). */
    smtpPort: z.coerce.number().int().min(1).max(65_535).optional(),
    /** starttls (upgrade, refuse without it), tls (TLS from the start), none (plain: a local relay only). */
    smtpSecurity: z.enum(["starttls", "tls", "none"]).default("starttls"),
    smtpUser: z.string().optional(),
    smtpPassword: z.string().optional(),
    /** The sender of every mail: "門真市 産業振興課 <noreply@city.example.jp>" or an address. */
    mailFrom: z
      .string()
      .regex(
        /^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/,
        "must be an address or Name <address>",
      )
      .optional(),
    /** The address people reach the server at, for links in mails: https://shinko.city.example.jp */
    publicUrl: z
      .string()
      .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, "must be an http(s) URL without query")
      .transform((v) => v.replace(/\/+$/, ""))
      .optional(),
    /** Days before a review's deadline when owners of unsubmitted actions are reminded. */
    reviewReminderDays: z
      .string()
      .default("7,1")
      .transform((v, ctx) => {
        const days = v.split(",").map((d) => d.trim());
        if (days.some((d) => !/^\d{1,2}$/.test(d) || Number(d) < 1 || Number(d) > 60)) {
          ctx.addIssue({ code: "custom", message: "must be whole numbers of days 1–60, comma-separated" });
          return z.NEVER;
        }
        return [...new Set(days.map(Number))].sort((a, b) => b - a);
      }),
    /** Whether this server runs background jobs (on by default; off for a web-only server). */
    jobs: z.enum(["on", "off"]).default("on"),
  })
  .refine((c) => c.headersTimeoutSeconds <= c.requestTimeoutSeconds, {
    path: ["headersTimeoutSeconds"],
    message: "must not be longer than REQUEST_TIMEOUT",
  })
  .refine((c) => (c.smtpUser === undefined) === (c.smtpPassword === undefined), {
    path: ["smtpPassword"],
    message: "SMTP_USER and SMTP_PASSWORD go together",
  })
  .refine((c) => c.smtpHost === undefined || c.mailFrom !== undefined, {
    path: ["mailFrom"],
    message: "required when SMTP_HOST is set",
  })
  .refine((c) => c.smtpHost !== undefined || c.smtpUser === undefined, {
    path: ["smtpHost"],
    message: "required when SMTP_USER is set",
  });

export type Config = Readonly<z.output<typeof configSchema>>;

/** The port SMTP_PORT defaults to for each SMTP_SECURITY. */
export function smtpPortOf(config: Pick<Config, "smtpPort" | "smtpSecurity">): number {
  return config.smtpPort ?? { starttls: 587, tls: 465, none: 25 }[config.smtpSecurity];
}

/**
 * The one validated, frozen configuration, read from the environment. Fails at start with the
 * name of the variable when a value is wrong.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const names: Record<string, string> = {
    port: "PORT",
    host: "HOST",
    databaseUrl: "DATABASE_URL",
    logLevel: "LOG_LEVEL",
    bodyLimit: "BODY_LIMIT",
    trustProxy: "TRUST_PROXY",
    sessionIdleMinutes: "SESSION_IDLE_MINUTES",
    sessionAbsoluteHours: "SESSION_ABSOLUTE_HOURS",
    shutdownTimeoutSeconds: "SHUTDOWN_TIMEOUT",
    requestTimeoutSeconds: "REQUEST_TIMEOUT",
    headersTimeoutSeconds: "HEADERS_TIMEOUT",
    keepAliveTimeoutSeconds: "KEEP_ALIVE_TIMEOUT",
    connectionTimeoutSeconds: "CONNECTION_TIMEOUT",
    smtpHost: "SMTP_HOST",
    smtpPort: "SMTP_PORT",
    smtpSecurity: "SMTP_SECURITY",
    smtpUser: "SMTP_USER",
    smtpPassword: "SMTP_PASSWORD",
    mailFrom: "MAIL_FROM",
    publicUrl: "PUBLIC_URL",
    reviewReminderDays: "REVIEW_REMINDER_DAYS",
    jobs: "JOBS",
  };
  const blankToUndefined = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);
  const result = configSchema.safeParse({
    port: blankToUndefined(env.PORT),
    host: blankToUndefined(env.HOST),
    databaseUrl: blankToUndefined(env.DATABASE_URL),
    logLevel: blankToUndefined(env.LOG_LEVEL),
    bodyLimit: blankToUndefined(env.BODY_LIMIT),
    trustProxy: blankToUndefined(env.TRUST_PROXY),
    sessionIdleMinutes: blankToUndefined(env.SESSION_IDLE_MINUTES),
    sessionAbsoluteHours: blankToUndefined(env.SESSION_ABSOLUTE_HOURS),
    shutdownTimeoutSeconds: blankToUndefined(env.SHUTDOWN_TIMEOUT),
    requestTimeoutSeconds: blankToUndefined(env.REQUEST_TIMEOUT),
    headersTimeoutSeconds: blankToUndefined(env.HEADERS_TIMEOUT),
    keepAliveTimeoutSeconds: blankToUndefined(env.KEEP_ALIVE_TIMEOUT),
    connectionTimeoutSeconds: blankToUndefined(env.CONNECTION_TIMEOUT),
    smtpHost: blankToUndefined(env.SMTP_HOST),
    smtpPort: blankToUndefined(env.SMTP_PORT),
    smtpSecurity: blankToUndefined(env.SMTP_SECURITY),
    smtpUser: blankToUndefined(env.SMTP_USER),
    // A password may be anything but empty; it is never trimmed or echoed.
    smtpPassword: env.SMTP_PASSWORD === "" ? undefined : env.SMTP_PASSWORD,
    mailFrom: blankToUndefined(env.MAIL_FROM),
    publicUrl: blankToUndefined(env.PUBLIC_URL),
    reviewReminderDays: blankToUndefined(env.REVIEW_REMINDER_DAYS),
    jobs: blankToUndefined(env.JOBS),
  });
  if (!result.success) {
    const problems = result.error.issues.map(
      (i) => `${names[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`,
    );
    throw new Error(`invalid configuration: ${problems.join("; ")}`);
  }
  return Object.freeze(result.data);
}

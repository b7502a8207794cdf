import type { Clock } from "../clock.js";
import type { JobDefinition } from "../jobs/jobs.js";
import type { Db } from "../plan/plan.repository.js";
import type { MailTransport } from "./mail.js";
import { deliverDueMail, type DeliveryPolicy } from "./outbox.js";

export const MAIL_DELIVER = "mail.deliver";

/**
 * The outbox's delivery: every minute, and whenever a context enqueues "mail.deliver" after
 * queueing mail (so a mail goes out within seconds, and a missed run is caught up a minute later).
 *
 * @example
 * runner.register(...mailJobs({ db, transport, from: config.mailFrom }));
 */
export function mailJobs(deps: {
  db: Db;
  transport: MailTransport;
  from: string;
  clock?: Clock;
  policy?: Partial<DeliveryPolicy>;
}): JobDefinition[] {
  return [
    {
      kind: MAIL_DELIVER,
      schedule: "* * * * *",
      // The outbox keeps its own attempts per message; the next minute's run is the retry.
      retryLimit: 0,
      handle: async () => {
        await deliverDueMail(deps.db, deps);
      },
    },
  ];
}

import type { Clock } from "../clock.js";
import type { JobDefinition, JobQueue } from "../jobs/jobs.js";
import { MAIL_DELIVER } from "../mail/mail.jobs.js";
import type { Db } from "../plan/plan.repository.js";
import { sendReviewReminders, type ReminderSettings } from "./reminders.service.js";

export const REVIEW_REMINDERS = "review.reminders";

/**
 * Review reminders: checked every hour (a server down at the due hour catches up at the next);
 * the mails go to the outbox and their delivery is started at once.
 *
 * @example
 * runner.register(...reviewReminderJobs({ db, jobs: runner, settings: { daysBefore: [7, 1] } }));
 */
export function reviewReminderJobs(deps: {
  db: Db;
  jobs: JobQueue;
  settings: ReminderSettings;
  clock?: Clock;
}): JobDefinition[] {
  return [
    {
      kind: REVIEW_REMINDERS,
      schedule: "5 * * * *",
      handle: async () => {
        const run = await sendReviewReminders(deps.db, deps.settings, deps.clock);
        if (run.mails > 0) await deps.jobs.enqueue(MAIL_DELIVER);
      },
    },
  ];
}

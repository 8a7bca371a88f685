import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { defineJob } from '../../../platform/jobs/job-registry.ts';
import type { AppServices } from '../../../platform/services.ts';
import type { VisitBookingEvent } from '../../hokatsu/visits/visit.events.ts';
import { tokyoDateTime } from '../subscribers/tokyo-date-time.ts';
import { notifyParents } from '../use-cases/notify-parents.ts';

declare module '../../../platform/jobs/job-registry.ts' {
  interface JobPayloads {
    'notify.visit-reminder': VisitBookingEvent;
  }
}

/** The reminder goes out at 09:00 Tokyo time on the day before the tour (or at once when that has passed). */
export function reminderTime(startsAt: string): Date {
  const tokyoDate = new Date(startsAt).toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
  const dayBefore = new Date(`${tokyoDate}T09:00:00+09:00`);
  dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
  return dayBefore;
}

export async function enqueueVisitReminder(services: AppServices, tx: DbOrTx, visit: VisitBookingEvent) {
  await services.jobs.enqueue(tx, 'notify.visit-reminder', visit, {
    startAfter: reminderTime(visit.startsAt),
    singletonKey: visit.bookingId,
  });
}

export const visitReminderJob = defineJob({
  name: 'notify.visit-reminder',
  async handle(services, visit) {
    await services.db.transaction(async (tx) => {
      // notify does not read hokatsu's tables: a booking that was cancelled or moved raised an event, and the
      // platform's outbox keeps it; that is what stops the reminder (a rescheduled booking gets its own reminder).
      const superseded = await tx.execute(sql`
        select 1 from outbox_events
         where type = 'visit.cancelled' and payload->>'bookingId' = ${visit.bookingId}
        union all
        select 1 from outbox_events
         where type = 'visit.rescheduled' and payload->>'previousBookingId' = ${visit.bookingId}
        limit 1`);
      if (superseded.rows.length > 0) return;
      await notifyParents(services, tx, {
        to: { householdId: visit.householdId },
        source: 'visit.reminder',
        occurrence: visit.bookingId,
        template: 'visit-reminder',
        variables: tokyoDateTime(visit.startsAt),
        why: { rule: 'visit.day-before', detail: `nursery ${visit.nurseryId}` },
        linkPath: `/hokatsu/nurseries/${visit.nurseryId}`,
      });
    });
  },
});

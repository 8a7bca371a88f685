import '../../hokatsu/applications/allocation.events.ts';
import '../../hokatsu/consultations/consultation.events.ts';
import { defineSubscriber } from '../../../platform/events/domain-events.ts';
import { notifyParents } from '../use-cases/notify-parents.ts';
import { tokyoDateTime } from './tokyo-date-time.ts';

// Nursery one-stop results and consultation bookings → messages. The events carry ids only; the parent reads the
// nursery, the explanation and the meeting link on the page the message opens (signed in), never in the message.

export const allocationPublishedSubscriber = defineSubscriber({
  name: 'notify.allocation-published',
  type: 'allocation.published',
  async handle(services, event) {
    const p = event.payload;
    // "2026-04" → 2026年4月 / April 2026: the month the family asked to start in.
    const [year, month] = p.roundMonth.split('-').map(Number) as [number, number];
    const monthJa = `${year}年${month}月`;
    const monthEn = new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    await services.db.transaction(async (tx) => {
      for (const offer of p.offers) {
        await notifyParents(services, tx, {
          to: { householdId: offer.householdId },
          source: 'allocation.published',
          occurrence: offer.applicationId + ':' + p.roundId,
          template: 'allocation-offered',
          variables: { ja: { month: monthJa }, en: { month: monthEn } },
          why: { rule: 'allocation.published', detail: `round ${p.roundNo} of ${p.roundMonth}: offered` },
          linkPath: `/hokatsu/applications/${offer.applicationId}`,
          // An offer has an answer deadline.
          urgent: true,
        });
      }
      for (const entry of p.waitlisted) {
        const rank = entry.waitlistRank === null ? '—' : String(entry.waitlistRank);
        await notifyParents(services, tx, {
          to: { householdId: entry.householdId },
          source: 'allocation.published',
          occurrence: entry.applicationId + ':' + p.roundId,
          template: 'allocation-waitlisted',
          variables: { ja: { month: monthJa, rank }, en: { month: monthEn, rank } },
          why: { rule: 'allocation.published', detail: `round ${p.roundNo} of ${p.roundMonth}: waitlisted` },
          linkPath: `/hokatsu/applications/${entry.applicationId}`,
        });
      }
    });
  },
});

export const offerMovedUpSubscriber = defineSubscriber({
  name: 'notify.allocation-offer-moved-up',
  type: 'allocation.offer-moved-up',
  async handle(services, event) {
    const p = event.payload;
    await services.db.transaction((tx) =>
      notifyParents(services, tx, {
        to: { householdId: p.householdId },
        source: 'allocation.offer-moved-up',
        occurrence: p.applicationId + ':' + p.roundId,
        template: 'allocation-moved-up',
        variables: { ja: {}, en: {} },
        why: { rule: 'allocation.offer-moved-up', detail: `nursery ${p.nurseryId}` },
        linkPath: `/hokatsu/applications/${p.applicationId}`,
        urgent: true,
      }),
    );
  },
});

/** A consultation booked or cancelled: the same notice shape, told apart by the event type and its template. */
function consultationSubscriber<T extends 'consultation.booked' | 'consultation.cancelled'>(type: T) {
  const template = type === 'consultation.booked' ? 'consultation-booked' : 'consultation-cancelled';
  return defineSubscriber({
    name: `notify.${template}`,
    type,
    async handle(services, event) {
      const p = event.payload;
      await services.db.transaction((tx) =>
        notifyParents(services, tx, {
          to: { householdId: p.householdId },
          source: type,
          occurrence: p.bookingId,
          template,
          variables: tokyoDateTime(p.startsAt),
          why: { rule: type },
          linkPath: '/hokatsu/consultations',
        }),
      );
    },
  });
}

export const consultationBookedSubscriber = consultationSubscriber('consultation.booked');
export const consultationCancelledSubscriber = consultationSubscriber('consultation.cancelled');

export const hokatsuResultSubscribers = [
  allocationPublishedSubscriber,
  offerMovedUpSubscriber,
  consultationBookedSubscriber,
  consultationCancelledSubscriber,
];

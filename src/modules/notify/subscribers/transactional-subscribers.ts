import { CLAIM_STATUS_LABELS } from '../../benefits/index.ts';
import '../../benefits/claim-events.ts';
import '../../benefits/births/birth-events.ts';
import '../../benefits/gift/gift-dispatch-events.ts';
import { GIFT_DISPATCH_LABELS } from '../../benefits/gift/gift-dispatch-status.ts';
import '../../hokatsu/visits/visit.events.ts';
import { defineSubscriber } from '../../../platform/events/domain-events.ts';
import { enqueueVisitReminder } from '../jobs/visit-reminder.job.ts';
import { notifyParents } from '../use-cases/notify-parents.ts';
import { hokatsuResultSubscribers } from './hokatsu-subscribers.ts';
import { tokyoDateTime } from './tokyo-date-time.ts';

// Other modules' events → messages, each through notifyParents (the one transactional interface). Every subscriber
// runs at least once per event; the (parent, source, occurrence) key makes the second run write nothing.

const BENEFIT_NAMES = {
  '018support': { ja: '018サポート', en: '018 Support' },
  'akachan-first': { ja: '赤ちゃんファースト', en: 'Baby First' },
} as const;

export const claimStatusSubscriber = defineSubscriber({
  name: 'notify.claim-status-changed',
  type: 'claim.status-changed',
  async handle(services, event) {
    const p = event.payload;
    const label = CLAIM_STATUS_LABELS[p.to];
    const benefit = BENEFIT_NAMES[p.benefitCode];
    await services.db.transaction((tx) =>
      notifyParents(services, tx, {
        to: { parentId: p.parentId },
        source: 'claim.status-changed',
        occurrence: `${p.claimId}:${event.id}`,
        template: 'claim-status',
        variables: { ja: { benefit: benefit.ja, status: label.ja }, en: { benefit: benefit.en, status: label.en } },
        why: { rule: 'claim.status-changed', childId: p.childId, detail: `${p.from ?? 'new'} → ${p.to}` },
        linkPath: '/benefits',
        // A fix request has a deadline the parent must meet.
        urgent: p.to === 'needs-fix',
      }),
    );
  },
});

// The 赤ちゃんファースト card's own steps (prepared, mailed, registered) reuse the claim-status template.
export const giftDispatchSubscriber = defineSubscriber({
  name: 'notify.gift-dispatch-changed',
  type: 'gift-dispatch.status-changed',
  async handle(services, event) {
    const p = event.payload;
    const label = GIFT_DISPATCH_LABELS[p.to];
    const benefit = BENEFIT_NAMES['akachan-first'];
    await services.db.transaction((tx) =>
      notifyParents(services, tx, {
        to: { parentId: p.parentId },
        source: 'gift-dispatch.status-changed',
        occurrence: `${p.claimId}:${event.id}`,
        template: 'claim-status',
        variables: { ja: { benefit: benefit.ja, status: label.ja }, en: { benefit: benefit.en, status: label.en } },
        why: { rule: 'gift-dispatch.status-changed', childId: p.childId, detail: `${p.from ?? 'new'} → ${p.to}` },
        linkPath: `/benefits/claims/${p.claimId}`,
      }),
    );
  },
});

export const birthNextStepsSubscriber = defineSubscriber({
  name: 'notify.birth-next-steps',
  type: 'birth.confirmed',
  async handle(services, event) {
    const p = event.payload;
    await services.db.transaction((tx) =>
      notifyParents(services, tx, {
        to: { householdId: p.householdId },
        source: 'birth.confirmed',
        occurrence: p.birthReportId,
        template: 'birth-next-steps',
        variables: { ja: { birth_date: p.birthDate }, en: { birth_date: p.birthDate } },
        why: { rule: 'birth.confirmed', childId: p.childId, ageMonths: 0 },
        linkPath: '/benefits',
      }),
    );
  },
});

/**
 * A visit booked, moved or cancelled: one notice shape told apart by the event type. A booked or moved visit also
 * gets its day-before reminder (the reminder job skips a booking that was cancelled or moved since).
 */
function visitSubscriber(type: 'visit.booked' | 'visit.cancelled' | 'visit.rescheduled') {
  const template = `visit-${type.slice('visit.'.length)}` as 'visit-booked' | 'visit-cancelled' | 'visit-rescheduled';
  const remind = type !== 'visit.cancelled';
  return defineSubscriber({
    name: `notify.${template}`,
    type,
    async handle(services, event) {
      const p = event.payload;
      await services.db.transaction(async (tx) => {
        await notifyParents(services, tx, {
          to: { householdId: p.householdId },
          source: type,
          occurrence: p.bookingId,
          template,
          variables: tokyoDateTime(p.startsAt),
          why: { rule: type, detail: `nursery ${p.nurseryId}` },
          linkPath: remind ? `/hokatsu/nurseries/${p.nurseryId}` : undefined,
        });
        if (remind) await enqueueVisitReminder(services, tx, p);
      });
    },
  });
}

export const visitBookedSubscriber = visitSubscriber('visit.booked');
export const visitCancelledSubscriber = visitSubscriber('visit.cancelled');
export const visitRescheduledSubscriber = visitSubscriber('visit.rescheduled');

export const transactionalSubscribers = [
  claimStatusSubscriber,
  giftDispatchSubscriber,
  birthNextStepsSubscriber,
  visitBookedSubscriber,
  visitCancelledSubscriber,
  visitRescheduledSubscriber,
  ...hokatsuResultSubscribers,
];

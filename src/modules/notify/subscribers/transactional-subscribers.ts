import { CLAIM_STATUS_LABELS } from '../../benefits/index.ts';
import '../../benefits/claim-events.ts';
import '../../benefits/births/birth-events.ts';
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

export const visitBookedSubscriber = defineSubscriber({
  name: 'notify.visit-booked',
  type: 'visit.booked',
  async handle(services, event) {
    const p = event.payload;
    await services.db.transaction(async (tx) => {
      await notifyParents(services, tx, {
        to: { householdId: p.householdId },
        source: 'visit.booked',
        occurrence: p.bookingId,
        template: 'visit-booked',
        variables: tokyoDateTime(p.startsAt),
        why: { rule: 'visit.booked', detail: `nursery ${p.nurseryId}` },
        linkPath: `/hokatsu/nurseries/${p.nurseryId}`,
      });
      await enqueueVisitReminder(services, tx, p);
    });
  },
});

export const visitCancelledSubscriber = defineSubscriber({
  name: 'notify.visit-cancelled',
  type: 'visit.cancelled',
  async handle(services, event) {
    const p = event.payload;
    await services.db.transaction((tx) =>
      notifyParents(services, tx, {
        to: { householdId: p.householdId },
        source: 'visit.cancelled',
        occurrence: p.bookingId,
        template: 'visit-cancelled',
        variables: tokyoDateTime(p.startsAt),
        why: { rule: 'visit.cancelled', detail: `nursery ${p.nurseryId}` },
      }),
    );
  },
});

export const visitRescheduledSubscriber = defineSubscriber({
  name: 'notify.visit-rescheduled',
  type: 'visit.rescheduled',
  async handle(services, event) {
    const p = event.payload;
    await services.db.transaction(async (tx) => {
      await notifyParents(services, tx, {
        to: { householdId: p.householdId },
        source: 'visit.rescheduled',
        occurrence: p.bookingId,
        template: 'visit-rescheduled',
        variables: tokyoDateTime(p.startsAt),
        why: { rule: 'visit.rescheduled', detail: `nursery ${p.nurseryId}` },
        linkPath: `/hokatsu/nurseries/${p.nurseryId}`,
      });
      await enqueueVisitReminder(services, tx, p);
    });
  },
});

export const transactionalSubscribers = [
  claimStatusSubscriber,
  birthNextStepsSubscriber,
  visitBookedSubscriber,
  visitCancelledSubscriber,
  visitRescheduledSubscriber,
  ...hokatsuResultSubscribers,
];

import { defineJob } from '../../../platform/jobs/job-registry.ts';
import { enqueueDueSends } from '../delivery/enqueue-sends.ts';
import { planMonthlyDigest } from '../planning/plan-monthly-digest.ts';

declare module '../../../platform/jobs/job-registry.ts' {
  interface JobPayloads {
    /** One municipality's digest for one month ('YYYY-MM'); `notify plan-month` enqueues one per municipality. */
    'notify.plan-monthly-digest': { month: string; municipalityCode: string };
  }
}

export const planMonthlyDigestJob = defineJob({
  name: 'notify.plan-monthly-digest',
  async handle(services, payload) {
    const result = await planMonthlyDigest(services, payload);
    services.log.info({ ...payload, ...result }, 'monthly digest planned');
    await enqueueDueSends(services, services.db);
  },
});

import { defineJob } from '../../../platform/jobs/job-registry.ts';
import { currentTokyoMonth, planMonth } from '../planning/plan-month.ts';

declare module '../../../platform/jobs/job-registry.ts' {
  interface JobPayloads {
    /** The whole month's digest; sent by the scheduler on the 1st (month omitted = this month in Asia/Tokyo). */
    'notify.plan-month': { month?: string };
  }
}

/** 05:00 on the 1st of every month, Tokyo time: planned before anyone is up; quiet hours hold sends until 08:00. */
export const MONTHLY_PLAN_CRON = '0 5 1 * *';

export const planMonthJob = defineJob({
  name: 'notify.plan-month',
  schedule: { cron: MONTHLY_PLAN_CRON, tz: 'Asia/Tokyo', payload: {} },
  // One run plans every municipality; a retry after a crash re-plans and the unique keys keep it to what is missing.
  queue: { retryLimit: 3, expireInSeconds: 3600 },
  concurrency: 1,
  async handle(services, payload) {
    const month = payload.month ?? currentTokyoMonth(services.now());
    const result = await planMonth(services, { month });
    services.log.info({ month, ...result }, 'monthly plan done');
  },
});

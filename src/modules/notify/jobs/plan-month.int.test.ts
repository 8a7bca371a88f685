import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import { addEndpoint, makeFamily } from '../testing/notify-factories.ts';
import { MONTHLY_PLAN_CRON, planMonthJob } from './plan-month.job.ts';

// 2026-12-01 05:00 in Tokyo, when the schedule fires.
const NOW = new Date('2026-11-30T20:00:00Z');
let t: TestContext;

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
});
afterAll(() => t.close());

const meta = () => ({ jobId: 'test', retryCount: 0, signal: new AbortController().signal });

async function counts() {
  const r = await t.services.db.execute<{ messages: number; deliveries: number }>(sql`
    select (select count(*) from notify_messages)::int as messages, (select count(*) from notify_deliveries)::int as deliveries`);
  return r.rows[0]!;
}

describe('monthly plan on the scheduler', () => {
  it('registers the monthly schedule in Asia/Tokyo when a worker starts', async () => {
    await t.startWorkers();
    const schedules = await t.services.jobs.raw.getSchedules('notify.plan-month');
    expect(schedules).toHaveLength(1);
    expect(schedules[0]).toMatchObject({ cron: MONTHLY_PLAN_CRON, timezone: 'Asia/Tokyo' });
    // The next run is 05:00 JST on the 1st of a month.
    const [next] = t.services.jobs.raw.previewSchedule(MONTHLY_PLAN_CRON, { tz: 'Asia/Tokyo', from: NOW, count: 1 });
    expect(next?.toISOString()).toBe('2026-12-31T20:00:00.000Z');
  });

  it('plans this Tokyo month for every municipality; a second run of the same month plans nothing new', async () => {
    // A child born 2026-09-10 is 3 months old in December 2026: its 3–4 month check-up opens.
    const { parent } = await makeFamily(t.services, { municipalityCode: '131237', birthDate: '2026-09-10' });
    await addEndpoint(t.services, parent, 'email', `m-${parent.id}@example.jp`);
    await planMonthJob.handle(t.services, {}, meta());
    const after = await counts();
    const mine = await t.services.db.execute<{ occurrence: string }>(
      sql`select occurrence from notify_messages where parent_id = ${parent.id}`,
    );
    expect(mine.rows.map((r) => r.occurrence.slice(0, 8))).toEqual(['2026-12:']);
    expect(after.deliveries).toBe(after.messages * 2);

    await planMonthJob.handle(t.services, {}, meta());
    expect(await counts()).toEqual(after);
  });
});

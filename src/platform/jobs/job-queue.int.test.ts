import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE, withTenantScope } from '../db/tenant-scope.ts';
import { createTestApp, type TestContext } from '../testing/test-app.ts';
import { defineJob } from './job-registry.ts';

declare module './job-registry.ts' {
  interface JobPayloads {
    'test.slow': { label: string; ms: number };
    'test.own-partition': { label: string };
  }
}

const started: string[] = [];
const finished: string[] = [];
const slowJob = defineJob({
  name: 'test.slow',
  queue: { retryLimit: 0 },
  async handle(_services, { label, ms }) {
    started.push(label);
    await new Promise((resolve) => setTimeout(resolve, ms));
    finished.push(label);
  },
});

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
  await t.services.jobs.start([slowJob]);
});
afterAll(() => t?.close());

describe('job queue', () => {
  it('enqueues inside the caller’s transaction: a rollback leaves no job', async () => {
    await expect(
      t.services.db.transaction(async (tx) => {
        await t.services.jobs.enqueue(tx, 'test.slow', { label: 'rolled-back', ms: 0 });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await t.services.jobs.countByState('test.slow')).queued).toBe(0);

    await t.services.db.transaction((tx) => t.services.jobs.enqueue(tx, 'test.slow', { label: 'kept', ms: 0 }));
    expect((await t.services.jobs.countByState('test.slow')).queued).toBe(1);
  });

  it('enqueues inside withTenantScope as the RLS-bound role (pgboss-grants migration), and a rollback still drops it', async () => {
    const before = (await t.services.jobs.countByState('test.slow')).queued;
    const role = await withTenantScope(
      t.services.db,
      { kind: 'municipality', municipalityCode: '131237' },
      async (tx) => {
        const id = await t.services.jobs.enqueue(tx, 'test.slow', { label: 'scoped', ms: 0 });
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        // Still the app role after enqueueing: nothing had to RESET ROLE.
        return (await tx.execute<{ role: string }>(sql`select current_user as role`)).rows[0]!.role;
      },
    );
    expect(role).toBe(APP_ROLE);
    const jobs = await t.services.db.execute<{ label: string }>(
      sql`select data->>'label' as label from pgboss.job where name = 'test.slow' and data->>'label' = 'scoped'`,
    );
    expect(jobs.rows).toEqual([{ label: 'scoped' }]);
    expect((await t.services.jobs.countByState('test.slow')).queued).toBe(before + 1);

    await expect(
      withTenantScope(t.services.db, { kind: 'household', householdId: crypto.randomUUID() }, async (tx) => {
        await t.services.jobs.enqueue(tx, 'test.slow', { label: 'scoped-rolled-back', ms: 0 });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await t.services.jobs.countByState('test.slow')).queued).toBe(before + 1);
  });

  it('a queue created after start-up with its own partition table is covered by the default privileges', async () => {
    await t.services.jobs.raw.createQueue('test.own-partition', { partition: true });
    await withTenantScope(t.services.db, { kind: 'all' }, (tx) =>
      t.services.jobs.enqueue(tx, 'test.own-partition', { label: 'partitioned' }),
    );
    const jobs = await t.services.db.execute<{ label: string }>(
      sql`select data->>'label' as label from pgboss.job where name = 'test.own-partition'`,
    );
    expect(jobs.rows).toEqual([{ label: 'partitioned' }]);
  });

  it('the app role may enqueue but not fetch, complete or delete jobs (least privilege)', async () => {
    await expect(
      withTenantScope(t.services.db, { kind: 'all' }, (tx) => tx.execute(sql`delete from pgboss.job`)),
    ).rejects.toMatchObject({ cause: { code: '42501' } });
    await expect(
      withTenantScope(t.services.db, { kind: 'all' }, (tx) =>
        tx.execute(sql`update pgboss.job set state = 'completed' where name = 'test.slow'`),
      ),
    ).rejects.toMatchObject({ cause: { code: '42501' } });
  });

  it('a graceful stop lets the job in flight finish before closing', async () => {
    await t.services.jobs.startWorkers([slowJob], t.services, 1);
    await t.services.db.transaction((tx) => t.services.jobs.enqueue(tx, 'test.slow', { label: 'in-flight', ms: 1500 }));
    const deadline = Date.now() + 10_000;
    // wait until a worker is running it
    while (!started.includes('in-flight')) {
      if (Date.now() > deadline) throw new Error('job never became active');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(finished).not.toContain('in-flight');
    await t.services.jobs.stop(10_000);
    expect(finished).toContain('in-flight');
  });
});

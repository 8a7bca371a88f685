import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../testing/test-app.ts';
import { defineJob } from './job-registry.ts';

declare module './job-registry.ts' {
  interface JobPayloads {
    'test.slow': { label: string; ms: number };
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

/**
 * Child process of bench/benefits-submit.ts for the kill -9 phase: submits applications as fast as it can and
 * prints `ack <idempotencyKey> <childId>` only after a submission's transaction has committed. The parent kills it
 * with SIGKILL mid-run and checks that every acknowledged submission is in the database exactly once.
 */

import { loadConfig } from '../src/config.ts';
import { submitApplication } from '../src/modules/benefits/use-cases/submit-application.ts';
import { createLogger } from '../src/platform/log/logger.ts';
import { openServices, prepareDatabase } from '../src/platform/runtime.ts';
import { newbornApplication } from './lib/benefits-submission.ts';

const services = await openServices(loadConfig({ ...process.env, LOG_LEVEL: 'warn' }), createLogger('warn'));
// The job queue must be started: a submission enqueues notify's delivery of claim.status-changed in its transaction.
await prepareDatabase(services, { migrate: false });
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
let i = 0;
process.stdout.write('ready\n');
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    for (;;) {
      const { parentId, application } = newbornApplication(i++);
      await submitApplication(services, { parentId, application });
      process.stdout.write(`ack ${application.idempotencyKey} ${application.children[0]!.childId}\n`);
    }
  }),
);

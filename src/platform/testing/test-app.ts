import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { allJobs, allSubscribers, buildApp } from '../../app.ts';
import { type Config, loadConfig } from '../../config.ts';
import { createDatabaseIfMissing, fromUrl, withDatabase } from '../db/database.ts';
import { EventBus } from '../events/domain-events.ts';
import { JobQueue } from '../jobs/job-queue.ts';
import { createLogger } from '../log/logger.ts';
import type { AppServices } from '../services.ts';

export interface TestContext {
  services: AppServices;
  app: FastifyInstance;
  /** Starts job workers in this test's process (most tests only look at what was enqueued). */
  startWorkers(): Promise<void>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  config?: Partial<Config>;
  now?: () => Date;
  /** Extra routes a test needs (registered after the real ones, before the app is ready). */
  routes?: (app: FastifyInstance) => Promise<void> | void;
}

/**
 * A whole Tsunagu on a fresh database cloned from the migrated template: real PostgreSQL, real pg-boss, the real
 * Fastify app (call `app.inject`). One per test file, in beforeAll; `close` drops the database.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestContext> {
  const serverUrl = inject('databaseServerUrl');
  const name = `tsunagu_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await createDatabaseIfMissing(serverUrl, name, inject('templateDatabase'));
  const url = withDatabase(serverUrl, name);

  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const config: Config = { ...loadConfig({ LOG_LEVEL: 'silent' }), databaseUrl: url, ...options.config };
  const database = fromUrl(url, 5, log, 'DATABASE_URL');
  const jobs = new JobQueue(url, log);
  await jobs.start(allJobs());
  const services: AppServices = {
    config,
    database,
    db: database.db,
    jobs,
    events: new EventBus(allSubscribers() as never, jobs),
    log,
    now: options.now ?? (() => new Date()),
  };
  const app = await buildApp(services, 'test-session-secret-that-is-long-enough-0123');
  await options.routes?.(app);
  await app.ready();

  return {
    services,
    app,
    startWorkers: () => jobs.startWorkers(allJobs(), services, 2),
    async close() {
      await app.close();
      await jobs.stop(2000);
      await database.close();
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

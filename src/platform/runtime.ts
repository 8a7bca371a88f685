import { allJobs, allSubscribers } from '../app.ts';
import type { Config } from '../config.ts';
import { modules } from '../modules/index.ts';
import { loadOrCreateSecrets } from './data-dir.ts';
import { openDatabase } from './db/database.ts';
import { runMigrations } from './db/migrate.ts';
import { EventBus } from './events/domain-events.ts';
import { JobQueue } from './jobs/job-queue.ts';
import type { Logger } from './log/logger.ts';
import type { AppServices } from './services.ts';

/** Opens the database (embedded or DATABASE_URL) and wires the queue and event bus; nothing is started yet. */
export async function openServices(config: Config, log: Logger): Promise<AppServices> {
  const database = await openDatabase(config, log);
  const jobs = new JobQueue(database.url, log);
  const events = new EventBus(allSubscribers() as never, jobs);
  return { config, database, db: database.db, jobs, events, log, now: () => new Date() };
}

/**
 * Brings the database to the code's version: our migrations, pg-boss's schema and queues, then each module's
 * reference data. Every step is idempotent and safe when several processes start together.
 */
export async function prepareDatabase(services: AppServices, options: { migrate: boolean }): Promise<void> {
  if (options.migrate) await runMigrations(services.database.pool);
  await services.jobs.start(allJobs());
  for (const module of modules) {
    await module.syncReferenceData?.(services);
  }
}

export async function seedDemoData(services: AppServices): Promise<string[]> {
  const lines: string[] = [];
  for (const module of modules) {
    if (module.seedDemo) lines.push(`${module.name}: ${await module.seedDemo(services)}`);
  }
  return lines;
}

export async function closeServices(services: AppServices, drainTimeoutMs: number): Promise<void> {
  await services.jobs.stop(drainTimeoutMs);
  await services.database.close();
}

export async function resolveSessionSecret(config: Config): Promise<string> {
  return config.sessionSecret ?? (await loadOrCreateSecrets(config.dataDir)).sessionSecret;
}

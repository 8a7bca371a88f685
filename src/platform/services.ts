import type { Config } from '../config.ts';
import type { Database, Db } from './db/database.ts';
import type { EventBus } from './events/domain-events.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import type { Logger } from './log/logger.ts';

/**
 * The long-lived things a use case may need, built once by the composition root (app.ts) and passed explicitly.
 * Request-specific facts (actor, request id, language) travel separately in the use case's input.
 */
export interface AppServices {
  config: Config;
  database: Database;
  db: Db;
  jobs: JobQueue;
  events: EventBus;
  log: Logger;
  /** The current instant; tests replace it to pin "today". */
  now(): Date;
}

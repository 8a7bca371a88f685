import { type Db as BossDb, PgBoss, type SendOptions } from 'pg-boss';
import type { Logger } from 'pino';
import type { DbOrTx } from '../db/database.ts';
import { executePreparedText } from '../db/execute-prepared.ts';
import type { AppServices } from '../services.ts';
import { DEFAULT_QUEUE_OPTIONS, type JobDefinition, type JobName, type JobPayloads } from './job-registry.ts';

export type EnqueueOptions = Omit<SendOptions, 'db'>;

/**
 * pg-boss's statements run in the caller's transaction, each as a named prepared statement: its job INSERT is the
 * same text for every job of a queue (the rows travel as one json parameter), and PostgreSQL parsing and planning it
 * on every call was about 0.5 ms per benefits submission.
 */
export function inTransaction(tx: DbOrTx): BossDb {
  return { executeSql: (text, values = []) => executePreparedText(tx, text, values) };
}

/**
 * The job queue: pg-boss in the application's own database, so a job is enqueued in the same transaction as the
 * domain write that needs it (both commit or neither does) and workers claim jobs with SKIP LOCKED.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private readonly workerIds: string[] = [];
  private started = false;

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    this.boss = new PgBoss({ connectionString: url, max: 4, schema: 'pgboss', application_name: 'tsunagu-jobs' });
    this.boss.on('error', (error) => this.log.error({ err: error }, 'job queue error'));
  }

  /** Installs or upgrades pg-boss's schema and creates a queue for every known job. Idempotent. */
  async start(definitions: readonly JobDefinition[]): Promise<void> {
    await this.boss.start();
    this.started = true;
    const existing = new Set((await this.boss.getQueues()).map((queue) => queue.name));
    for (const definition of definitions) {
      if (existing.has(definition.name)) continue;
      try {
        await this.boss.createQueue(definition.name, { ...DEFAULT_QUEUE_OPTIONS, ...definition.queue });
      } catch (error) {
        // Another process created the same queue a moment ago.
        if (!(await this.boss.getQueue(definition.name))) throw error;
      }
    }
  }

  async enqueue<N extends JobName>(
    tx: DbOrTx,
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<string | null> {
    return this.boss.send(name, payload as object, { ...options, db: inTransaction(tx) });
  }

  async startWorkers(definitions: readonly JobDefinition[], services: AppServices, concurrency: number) {
    for (const definition of definitions) {
      const id = await this.boss.work<JobPayloads[JobName]>(
        definition.name,
        { batchSize: 1, localConcurrency: definition.concurrency ?? concurrency, pollingIntervalSeconds: 1 },
        async ([job]) => {
          if (!job) return;
          const log = this.log.child({ job: definition.name, jobId: job.id, retryCount: job.retryCount });
          try {
            await definition.handle(services, job.data as never, {
              jobId: job.id,
              retryCount: job.retryCount,
              signal: job.signal,
            });
          } catch (error) {
            log.warn({ err: error }, 'job failed; pg-boss retries it with backoff');
            throw error;
          }
        },
      );
      this.workerIds.push(id);
      if (definition.schedule) {
        const { cron, tz, payload } = definition.schedule;
        await this.boss.schedule(definition.name, cron, payload as object, { tz });
      }
    }
  }

  /** Reachability for /readyz: pg-boss answers from its own schema. */
  async ping(): Promise<void> {
    if (!this.started) throw new Error('job queue not started');
    await this.boss.getQueues();
  }

  /** Live counts by state (pg-boss's queue statistics are refreshed only by its monitor, so they lag). */
  async countByState(name: JobName): Promise<Record<'queued' | 'active' | 'completed' | 'failed', number>> {
    const result = await this.boss.getDb().executeSql(
      `select count(*) filter (where state in ('created', 'retry'))::int as queued,
                count(*) filter (where state = 'active')::int as active,
                count(*) filter (where state = 'completed')::int as completed,
                count(*) filter (where state in ('failed', 'cancelled'))::int as failed
           from pgboss.job where name = $1`,
      [name],
    );
    return result.rows[0] as Record<'queued' | 'active' | 'completed' | 'failed', number>;
  }

  /** Stops fetching, lets in-flight jobs finish (up to timeoutMs), then closes pg-boss's pool. */
  async stop(timeoutMs: number): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, close: true, timeout: timeoutMs });
  }

  /** For tests and the CLI: the underlying pg-boss instance. */
  get raw(): PgBoss {
    return this.boss;
  }
}

import type { QueueOptions } from 'pg-boss';
import type { AppServices } from '../services.ts';

/**
 * Job name → payload type. Modules add their jobs by declaration merging:
 *
 *   declare module '../../platform/jobs/job-registry.ts' {
 *     interface JobPayloads { 'registry.import': { path: string } }
 *   }
 *
 * so `enqueue(tx, 'registry.import', …)` checks the payload at compile time, and a job with no handler is a missing
 * entry in the module's `jobs` list rather than a silent no-op.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface JobPayloads {}

export type JobName = keyof JobPayloads & string;

export interface JobMeta {
  jobId: string;
  retryCount: number;
  signal: AbortSignal;
}

export interface JobDefinition<N extends JobName = JobName> {
  name: N;
  /** Retry, expiry and retention for this queue (pg-boss queue options). */
  queue?: QueueOptions;
  /** How many jobs of this queue one worker process runs at once; defaults to WORKER_CONCURRENCY. */
  concurrency?: number;
  /**
   * A recurring run: pg-boss's scheduler (cron evaluated in `tz`) sends `payload` to this queue. Registered when a
   * worker starts; pg-boss keeps one schedule per queue, so every worker registering it is harmless.
   */
  schedule?: { cron: string; tz: string; payload: JobPayloads[N] };
  handle(services: AppServices, payload: JobPayloads[N], meta: JobMeta): Promise<void>;
}

export function defineJob<N extends JobName>(definition: JobDefinition<N>): JobDefinition<N> {
  return definition;
}

/** Retries with backoff unless a queue says otherwise: outside services fail for a while, then recover. */
export const DEFAULT_QUEUE_OPTIONS: QueueOptions = {
  retryLimit: 8,
  retryDelay: 5,
  retryBackoff: true,
  retryDelayMax: 3600,
  expireInSeconds: 900,
};

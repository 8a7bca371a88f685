import type { FastifyInstance } from 'fastify';
import type { EventSubscriber } from './events/domain-events.ts';
import type { JobDefinition } from './jobs/job-registry.ts';
import type { AppServices } from './services.ts';

export interface CliCommand {
  /** e.g. `registry import`; the first word groups the module's commands. */
  name: string;
  summary: string;
  usage: string;
  run(services: AppServices, argv: string[]): Promise<number>;
}

/**
 * What a domain module contributes to the platform. The composition root (app.ts) collects these; nothing else
 * needs to know which modules exist.
 */
export interface TsunaguModule {
  name: string;
  /** Registers the module's routes (API and pages) on the app. */
  routes?(app: FastifyInstance, services: AppServices): Promise<void>;
  jobs?: readonly JobDefinition<never>[];
  subscribers?: readonly EventSubscriber<never>[];
  /** Reference data that every deployment needs, brought up to date after each migration. Idempotent. */
  syncReferenceData?(services: AppServices): Promise<void>;
  /** Demo data for `seed --demo` and `npm start`. Idempotent; returns one line for the console. */
  seedDemo?(services: AppServices): Promise<string>;
  commands?: readonly CliCommand[];
}

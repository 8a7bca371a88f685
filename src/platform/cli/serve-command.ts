import type { FastifyInstance } from 'fastify';
import { allJobs, buildApp } from '../../app.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../log/logger.ts';
import { closeServices, openServices, prepareDatabase, resolveSessionSecret, seedDemoData } from '../runtime.ts';

export type Role = 'web' | 'worker' | 'all';

export interface ServeOptions {
  role: Role;
  migrate: boolean;
  demo: boolean;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/**
 * Runs Tsunagu until SIGINT/SIGTERM. Shutdown order matters: stop taking requests, let running jobs finish, then
 * close the pool and (if embedded) stop PostgreSQL, so no job loses its database halfway through.
 */
export async function serve(config: Config, log: Logger, options: ServeOptions): Promise<void> {
  const started = performance.now();
  const services = await openServices(config, log);
  let app: FastifyInstance | undefined;
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down: finishing requests and jobs in flight');
    try {
      await app?.close();
      await closeServices(services, config.shutdownTimeoutMs);
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await prepareDatabase(services, { migrate: options.migrate });
    if (options.demo) {
      for (const line of await seedDemoData(services)) log.info(`demo data — ${line}`);
    }
    if (options.role !== 'worker') {
      app = await buildApp(services, await resolveSessionSecret(config));
      await listen(app, config);
    }
    if (options.role !== 'web') {
      await services.jobs.startWorkers(allJobs(), services, config.workerConcurrency);
    }
  } catch (error) {
    await app?.close().catch(() => undefined);
    await closeServices(services, 1000).catch(() => undefined);
    throw error;
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const where = options.role === 'worker' ? 'as a job worker' : `at ${config.baseUrl}`;
  log.info(
    { role: options.role, database: services.database.source, mode: config.mode },
    `Tsunagu is ready ${where} (${seconds} s)`,
  );
}

async function listen(app: FastifyInstance, config: Config) {
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PortInUseError(
        `Port ${config.port} is already in use by another program. Stop it, or set PORT to a free port (e.g. PORT=3001 npm start).`,
      );
    }
    throw error;
  }
}

import cluster, { type Worker } from 'node:cluster';
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
  if (cluster.isWorker) {
    // A forked HTTP process: the primary has migrated, seeded and starts the job workers.
    return serveOne(config, log, { role: 'web', migrate: false, demo: false });
  }
  if (config.webConcurrency > 1 && options.role !== 'worker') return serveCluster(config, log, options);
  return serveOne(config, log, options);
}

async function serveOne(config: Config, log: Logger, options: ServeOptions): Promise<void> {
  const started = performance.now();
  const services = await openServices(config, log);
  let app: FastifyInstance | undefined;
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) {
      // Ctrl-C reaches a cluster worker twice (from the terminal and from the primary): the primary decides.
      if (cluster.isWorker) return;
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

/**
 * WEB_CONCURRENCY > 1: Node is single-threaded, so one process uses one core for HTTP. The primary opens the database
 * (starting the embedded one if there is no DATABASE_URL), migrates, seeds, resolves the session secret (so the
 * workers never race to create it) and runs the job workers when the role includes them; it forks the HTTP workers,
 * which share the port through node:cluster and connect to the same database by URL. A worker that dies is replaced;
 * a stop signal stops the workers first (they finish their requests), then the jobs and the database.
 */
async function serveCluster(config: Config, log: Logger, options: ServeOptions): Promise<void> {
  const started = performance.now();
  const services = await openServices(config, log);
  let stopping = false;
  let ready = false;
  const workers = new Set<Worker>();

  const fork = () => {
    const worker = cluster.fork({ DATABASE_URL: services.database.url });
    workers.add(worker);
    worker.once('exit', (code, signal) => {
      workers.delete(worker);
      if (stopping || !ready) return;
      log.error({ pid: worker.process.pid, code, signal }, 'HTTP worker exited: starting another');
      fork();
    });
    return worker;
  };
  const listening = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      worker.once('listening', () => resolve());
      worker.once('exit', (code) => reject(new Error(`HTTP worker exited with ${code} before listening`)));
    });

  const shutdown = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down: HTTP workers finish their requests, then jobs in flight');
    try {
      await Promise.all(
        [...workers].map((worker) => {
          const exited = new Promise((resolve) => worker.once('exit', resolve));
          worker.process.kill('SIGTERM');
          return exited;
        }),
      );
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
    await resolveSessionSecret(config);
    await Promise.all(Array.from({ length: config.webConcurrency }, () => listening(fork())));
    if (options.role !== 'web') {
      await services.jobs.startWorkers(allJobs(), services, config.workerConcurrency);
    }
  } catch (error) {
    stopping = true;
    for (const worker of workers) worker.process.kill('SIGTERM');
    await closeServices(services, 1000).catch(() => undefined);
    throw error;
  }

  ready = true;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log.info(
    { role: options.role, database: services.database.source, mode: config.mode, httpWorkers: config.webConcurrency },
    `Tsunagu is ready at ${config.baseUrl} with ${config.webConcurrency} HTTP processes (${seconds} s)`,
  );
}

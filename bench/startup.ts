/**
 * Start-up time as a user meets it: `tsunagu serve` on an empty data dir (initdb, migrations, queue schema, reference
 * data) until /readyz is 200, then a warm restart on the same data dir. Always uses the embedded PostgreSQL.
 * Target: cold ≤ 5 s.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, median, startServer, stopServer } from './lib/server-process.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const cold: number[] = [];
const warm: number[] = [];

for (let i = 0; i < RUNS; i++) {
  const dataDir = await mkdtemp(join(tmpdir(), 'tsunagu-bench-startup-'));
  const env = {
    DATABASE_URL: undefined,
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
    HOST: '127.0.0.1',
  };
  try {
    const first = await startServer(env);
    cold.push(first.readyMs);
    await stopServer(first.child);
    const second = await startServer(env);
    warm.push(second.readyMs);
    await stopServer(second.child);
    console.log(
      `run ${i + 1}: cold ${(first.readyMs / 1000).toFixed(2)} s, warm ${(second.readyMs / 1000).toFixed(2)} s`,
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(
  `startup: cold median ${fmt(median(cold))} (target ≤ 5 s, ${median(cold) <= 5000 ? 'met' : 'NOT met'}), warm median ${fmt(median(warm))}, runs ${RUNS}`,
);

/**
 * HTTP throughput of the platform shell: autocannon, 50 connections × 10 s, on /healthz and /api/v1/municipalities.
 * Uses DATABASE_URL when set, else the embedded PostgreSQL in a temporary data dir. The rate limiter is lifted for
 * the run (it would otherwise be what is measured); request logging is at LOG_LEVEL (default warn here).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort, startServer, stopServer } from './lib/server-process.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const dataDir = await mkdtemp(join(tmpdir(), 'tsunagu-bench-http-'));
const server = await startServer({
  DATA_DIR: dataDir,
  PORT: String(await freePort()),
  EMBEDDED_PG_PORT: String(await freePort()),
  HOST: '127.0.0.1',
  RATE_LIMIT_PER_MINUTE: '1000000000',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});

const summary: string[] = [];
try {
  for (const path of ['/healthz', '/api/v1/municipalities']) {
    const result = await autocannon({ url: `${server.url}${path}`, connections: CONNECTIONS, duration: DURATION });
    const line = `${path}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.errors + result.non2xx}`;
    console.log(line);
    summary.push(`${path} ${Math.round(result.requests.average)} req/s p99 ${result.latency.p99} ms`);
  }
} finally {
  await stopServer(server.child);
  await rm(dataDir, { recursive: true, force: true });
}
console.log(`http (${CONNECTIONS} connections × ${DURATION} s): ${summary.join('; ')}`);

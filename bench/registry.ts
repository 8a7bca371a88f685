/**
 * Registry benchmark: import time of a full-size registry, then search latency under 200 concurrent connections.
 *
 * The data is SYNTHETIC: the real subset's records (src/modules/registry/data) spread over the 63 areas with the
 * record counts of the official file (areas.csv, 7,814 records), each copy given its area and a unique psid.
 * Prints figures; asserts nothing (see ARCHITECTURE.md). Uses its own data dir (.tsunagu-bench) unless DATA_DIR is set.
 *
 *   npm run bench:registry            (BENCH_SECONDS=10 per scenario, BENCH_CONNECTIONS=200)
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { loadRegistryFile } from '../src/modules/registry/registry-file.ts';
import { importRegistry } from '../src/modules/registry/use-cases/import-registry.ts';
import { SYSTEM_ACTOR } from '../src/platform/access/actor.ts';
import { createLogger } from '../src/platform/log/logger.ts';
import { closeServices, openServices, prepareDatabase } from '../src/platform/runtime.ts';
import { syntheticRegistry } from './lib/synthetic-registry.ts';

const DATA = new URL('../src/modules/registry/data/', import.meta.url);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 200);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntilReady(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server did not become ready at ${url}`);
}

async function main() {
  const config = loadConfig({
    ...process.env,
    DATA_DIR: process.env.DATA_DIR ?? '.tsunagu-bench',
    EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? '54503',
    LOG_LEVEL: 'warn',
    // The benchmark measures the API, not the per-client rate limit.
    RATE_LIMIT_PER_MINUTE: '100000000',
    DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? '20',
  });
  const log = createLogger(process.env.BENCH_LOG_LEVEL ?? 'silent');
  const services = await openServices(config, log);
  try {
    await prepareDatabase(services, { migrate: true });
    await services.db.execute(sql`truncate registry_changes, registry_program_versions, registry_programs`);

    const records = syntheticRegistry();
    const file = join(tmpdir(), `tsunagu-bench-registry-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(records));

    let started = performance.now();
    const report = await importRegistry(services, {
      records: await loadRegistryFile(file),
      source: 'bench (synthetic)',
      actor: SYSTEM_ACTOR,
    });
    const importSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const again = await importRegistry(services, {
      records: await loadRegistryFile(file),
      source: 'bench',
      actor: SYSTEM_ACTOR,
    });
    const reimportSeconds = (performance.now() - started) / 1000;
    console.log(
      `import (synthetic, ${report.records} records, ${report.areas} areas): ${importSeconds.toFixed(2)} s; ` +
        `re-import unchanged (${again.unchanged} unchanged): ${reimportSeconds.toFixed(2)} s; ` +
        `phases ${JSON.stringify(report.timings)} ms (file read/parse not included in phases)`,
    );

    // Settle the tables now, so autovacuum does not wake up in the middle of a measurement.
    await services.db.execute(sql`vacuum analyze registry_programs`);
    await services.db.execute(sql`vacuum analyze registry_program_versions`);
    await services.db.execute(sql`vacuum analyze registry_changes`);

    // The server runs in its own process (as in production), so autocannon does not share its event loop.
    const port = await freePort();
    const server = spawn(process.execPath, ['bin/tsunagu.js', 'serve', '--role', 'web', '--no-migrate'], {
      env: {
        ...process.env,
        DATABASE_URL: services.database.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        RATE_LIMIT_PER_MINUTE: '100000000',
        DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? '20',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitUntilReady(`http://127.0.0.1:${port}/readyz`);

    const codes = readFileSync(new URL('areas.csv', DATA), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]!)
      .filter((c) => c !== '130001');
    const words = ['予防接種', '健診', '手当', '妊婦', '保育', '医療費'];
    const filterPaths = codes.flatMap((code, i) => [
      `/api/v1/programs?municipality=${code}&ageMonths=${i % 72}`,
      `/api/v1/programs?municipality=${code}&ageMonths=${(i * 7) % 120}&category=003`,
    ]);
    const textPaths = codes.map(
      (code, i) => `/api/v1/programs?municipality=${code}&q=${encodeURIComponent(words[i % words.length]!)}`,
    );
    const wideTextPaths = words.map((w) => `/api/v1/programs?q=${encodeURIComponent(w)}&limit=50`);

    // Every (municipality, age 0–17 y) pair once: 62 × 216 = 13,392 distinct URLs, more than the per-process
    // response cache holds (32 MB of bodies), so nearly every request goes to PostgreSQL.
    const uncachedPaths = Array.from({ length: 216 }, (_, age) =>
      codes.map((code) => `/api/v1/programs?municipality=${code}&ageMonths=${age}`),
    ).flat();

    const scenarios: [string, string[]][] = [
      ['baseline GET /api/v1/municipalities/131199 (no registry work)', ['/api/v1/municipalities/131199']],
      ['municipality+age (repeated queries, response cache)', filterPaths],
      ['municipality+q (repeated, cached)', textPaths],
      ['q over all 63 areas (repeated, cached)', wideTextPaths],
      ['municipality+age, 13,392 distinct queries (cache misses)', uncachedPaths],
    ];
    const lines: string[] = [];
    for (const [name, paths] of scenarios) {
      // Cached scenarios are measured warm: each URL fetched once first (the miss scenario has too many to warm).
      if (paths.length < 1000) {
        for (const path of paths)
          await fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      }
      const result = await autocannon({
        url: `http://127.0.0.1:${port}`,
        connections,
        duration: seconds,
        // Partner apps' HTTP clients ask for gzip; the registry's Japanese JSON shrinks several-fold.
        headers: { 'accept-encoding': 'gzip' },
        requests: paths.map((path) => ({ method: 'GET', path })),
      });
      const line = `${name}: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${Math.round(result.requests.average)} req/s, non-2xx ${result.non2xx}, errors ${result.errors}`;
      console.log(line);
      lines.push(`${name.split(' (')[0]} p50/p99 ${result.latency.p50}/${result.latency.p99} ms`);
    }
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    const load = loadavg()[0]!.toFixed(1);
    console.log(
      `SUMMARY registry (load average ${load} on ${cpus().length} cores; synthetic ${report.records} records/${report.areas} areas, ${connections} connections, gzip, ${seconds}s each): ` +
        `import ${importSeconds.toFixed(2)} s (target ≤ 10 s); ${lines.join('; ')} (target p99 ≤ 20 ms)`,
    );
  } finally {
    await closeServices(services, 2000);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

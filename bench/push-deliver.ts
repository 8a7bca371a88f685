/**
 * Delivery benchmark: drains the LINE deliveries that bench/push-plan planned into the local LINE server through real
 * worker processes (`tsunagu serve --role worker`), kills one worker with SIGKILL once mid-run and starts another,
 * then prints messages/s, duplicates and losses. Asserts nothing. Run bench:push-plan first (same DATABASE_URL);
 * every run resets the LINE ledger rows to `created` and drains them again.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/tsunagu_bench_push npm run bench:push-deliver
 *   (BENCH_LANES=4 parallel send jobs; LINE_RATE_PER_SECOND as configured, default 2,000 requests/s)
 */
// The app's module graph first (modules import each other through their index files).
import '../src/app.ts';
import type { ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { enqueueDueSends } from '../src/modules/notify/delivery/enqueue-sends.ts';
import { startLocalLineServer } from '../src/modules/notify/local-servers/local-line-server.ts';
import { killHard, startWorkerProcess } from '../src/modules/notify/testing/worker-process.ts';
import { createLogger } from '../src/platform/log/logger.ts';
import { closeServices, openServices, prepareDatabase } from '../src/platform/runtime.ts';
import { assertBenchDatabase } from './push-synthetic.ts';

const LANES = Number(process.env.BENCH_LANES ?? 4);

async function main() {
  assertBenchDatabase(process.env.DATABASE_URL);
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
  const services = await openServices(config, createLogger('silent'));
  const line = await startLocalLineServer({ maxRecorded: 10_000_000 });
  const workers: ChildProcess[] = [];
  try {
    await prepareDatabase(services, { migrate: true });
    const reset = await services.db.execute(sql`
      update notify_deliveries set status = 'created', attempts = 0, batch_id = null, sending_since = null,
             delivered_at = null, last_error = null, next_attempt_at = now() - interval '1 second'
       where channel = 'line'`);
    const total = reset.rowCount ?? 0;
    if (total === 0) throw new Error('no LINE deliveries planned: run npm run bench:push-plan first');
    await services.db.execute(sql`delete from pgboss.job where name = 'notify.send'`);
    const env = {
      DATABASE_URL: process.env.DATABASE_URL!,
      LINE_API_BASE_URL: line.url,
      NOTIFY_SEND_LEASE_SECONDS: '15',
      NOTIFY_RETRY_BASE_SECONDS: '1',
      WORKER_CONCURRENCY: String(LANES),
      ...(process.env.LINE_RATE_PER_SECOND ? { LINE_RATE_PER_SECOND: process.env.LINE_RATE_PER_SECOND } : {}),
    };
    workers.push(await startWorkerProcess(env));
    const loadBefore = loadavg()[0]!;
    const t0 = performance.now();
    await enqueueDueSends(services, services.db, { lanes: LANES });

    const accepted = () =>
      line.requests.filter((r) => r.status === 200).reduce((sum, r) => sum + r.recipients.length, 0);
    while (accepted() < total * 0.3) await new Promise((r) => setTimeout(r, 50));
    await killHard(workers[0]!);
    const atKill = accepted();
    console.log(`killed worker 1 with SIGKILL after ${atKill} of ${total} deliveries reached LINE`);
    workers.push(await startWorkerProcess(env));
    await enqueueDueSends(services, services.db, { lanes: LANES });

    const count = async () =>
      (
        await services.db.execute<{ delivered: number; open: number }>(sql`
          select count(*) filter (where status = 'delivered')::int as delivered,
                 count(*) filter (where status <> 'delivered')::int as open
            from notify_deliveries where channel = 'line'`)
      ).rows[0]!;
    let state = await count();
    const deadline = Date.now() + 15 * 60_000;
    while (state.open > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      state = await count();
    }
    const seconds = (performance.now() - t0) / 1000;
    const atLine = accepted();
    const conflicts = line.requests.filter((r) => r.status === 409).length;
    console.log(
      `drained ${state.delivered} of ${total} LINE deliveries in ${seconds.toFixed(1)} s = ` +
        `${Math.round(state.delivered / seconds).toLocaleString('en')} messages/s (including the kill and a worker restart); ` +
        `${line.requests.length} LINE requests (${conflicts} answered 409 = retry key already accepted)`,
    );
    console.log(
      `duplicates: ${atLine - state.delivered} (recipients LINE accepted minus deliveries), losses: ${total - state.delivered} ` +
        `[shared machine, ${cpus().length} cores, load average ${loadBefore.toFixed(2)} before / ${loadavg()[0]!.toFixed(2)} after]`,
    );
  } finally {
    for (const worker of workers) await killHard(worker);
    await line.close();
    await closeServices(services, 2000);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

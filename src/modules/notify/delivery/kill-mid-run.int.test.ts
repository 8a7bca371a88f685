import type { ChildProcess } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../platform/access/actor.ts';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import { rawRecord } from '../../registry/registry.factories.ts';
import { importRegistry } from '../../registry/use-cases/import-registry.ts';
import {
  LOCAL_LINE_ACCESS_TOKEN,
  type LocalLineServer,
  startLocalLineServer,
} from '../local-servers/local-line-server.ts';
import { currentTokyoMonth } from '../notify.commands.ts';
import { planMonthlyDigest } from '../planning/plan-monthly-digest.ts';
import { addEndpoint, makeFamily } from '../testing/notify-factories.ts';
import { killHard, startWorkerProcess } from '../testing/worker-process.ts';
import { notifyParents } from '../use-cases/notify-parents.ts';
import { enqueueDueSends } from './enqueue-sends.ts';

// The worker is a real child process that is killed with SIGKILL while it is sending; a second worker finishes the
// run. The local LINE server counts what each user received: every user must get exactly one message.

const FAMILIES = 240;
const MUNICIPALITY = '131237';
let t: TestContext;
let line: LocalLineServer;
const workers: ChildProcess[] = [];
const userIds: string[] = [];

function workerEnv(): Record<string, string> {
  return {
    DATABASE_URL: t.services.config.databaseUrl!,
    LINE_API_BASE_URL: line.url,
    LINE_RATE_PER_SECOND: '60',
    NOTIFY_SEND_BATCH: '20',
    NOTIFY_SEND_LEASE_SECONDS: '3',
    NOTIFY_RETRY_BASE_SECONDS: '1',
    WORKER_CONCURRENCY: '2',
  };
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function lineStatuses(source: string) {
  const result = await t.services.db.execute<{ status: string; n: number }>(sql`
    select d.status, count(*)::int as n from notify_deliveries d join notify_messages m on m.id = d.message_id
     where d.channel = 'line' and m.source = ${source} group by d.status`);
  return Object.fromEntries(result.rows.map((r) => [r.status, r.n])) as Record<string, number>;
}

beforeAll(async () => {
  line = await startLocalLineServer();
  t = await createTestApp();
  const month = currentTokyoMonth(new Date());
  const [year, m] = month.split('-').map(Number) as [number, number];
  const birthMonth = new Date(Date.UTC(year, m - 1 - 3, 10)).toISOString().slice(0, 10);
  await importRegistry(t.services, {
    records: [rawRecord({ psid: 'test+131237+K1', areaCode: MUNICIPALITY, name: '3か月からの制度', months: [3, 11] })],
    source: 'test',
    actor: SYSTEM_ACTOR,
  });
  await t.services.db.execute(sql`
    insert into notify_line_channels (municipality_code, channel_id, channel_secret, access_token)
    values (${MUNICIPALITY}, 'line-131237', 'secret', ${LOCAL_LINE_ACCESS_TOKEN})`);
  for (let i = 0; i < FAMILIES; i++) {
    // Different child names give different texts, so each message is its own LINE request.
    const { parent } = await makeFamily(t.services, {
      municipalityCode: MUNICIPALITY,
      birthDate: birthMonth,
      childName: `テスト 子${i}`,
    });
    const userId = `U${parent.id.replaceAll('-', '')}`;
    userIds.push(userId);
    await addEndpoint(t.services, parent, 'line', userId, { lineChannelId: 'line-131237' });
    // No quiet hours, so the test does not depend on the time of day it runs at.
    await t.services.db.execute(sql`
      insert into notify_preferences (parent_id, household_id, municipality_code, quiet_start_minute, quiet_end_minute)
      values (${parent.id}, ${parent.householdId}, ${MUNICIPALITY}, 0, 0)`);
  }
  const planned = await planMonthlyDigest(t.services, { month, municipalityCode: MUNICIPALITY });
  expect(planned.childMessages).toBe(FAMILIES);
}, 180_000);

afterAll(async () => {
  for (const worker of workers) await killHard(worker);
  await t?.close();
  await line?.close();
});

describe('a worker killed mid-run', () => {
  it('loses nothing and sends nothing twice', async () => {
    workers.push(await startWorkerProcess(workerEnv()));
    await enqueueDueSends(t.services, t.services.db);
    await waitFor('a third of the messages', () => line.received().length >= FAMILIES / 3);
    await killHard(workers[0]!);
    const atKill = line.received().length;
    expect(atKill).toBeLessThan(FAMILIES);

    workers.push(await startWorkerProcess(workerEnv()));
    // The next trigger (any new message, the next plan, or pg-boss retrying the dead worker's job) queues a send.
    await enqueueDueSends(t.services, t.services.db);
    await waitFor('every delivery recorded', async () => (await lineStatuses('digest')).delivered === FAMILIES);

    const perUser = userIds.map((u) => line.received(u).length);
    const duplicates = perUser.filter((n) => n > 1).length;
    const losses = perUser.filter((n) => n === 0).length;
    expect({ duplicates, losses, received: line.received().length }).toEqual({
      duplicates: 0,
      losses: 0,
      received: FAMILIES,
    });
    // The server's own count agrees: no user was handed the same text twice, whatever was re-sent after the kill
    // (a batch the dead worker had claimed, sent or only prefetched goes out again under the same retry keys).
    expect(line.stats.repeatedDeliveries).toBe(0);
    expect(line.stats.acceptedRecipients).toBe(FAMILIES);
  }, 180_000);

  it('waits out a 429 storm and then delivers everything once', async () => {
    line.failNext(15, 429, 1);
    const before = line.received().length;
    const parents = await t.services.db.execute<{ parent_id: string }>(
      sql`select parent_id from notify_preferences where municipality_code = ${MUNICIPALITY} limit 30`,
    );
    await t.services.db.transaction(async (tx) => {
      for (const { parent_id } of parents.rows) {
        await notifyParents(t.services, tx, {
          to: { parentId: parent_id },
          source: 'claim.status-changed',
          occurrence: `storm:${parent_id}`,
          template: 'claim-status',
          variables: { ja: { benefit: '018サポート', status: '審査中' }, en: { benefit: '018', status: 'review' } },
          why: { rule: 'claim.status-changed' },
        });
      }
    });
    await waitFor('the storm messages', async () => (await lineStatuses('claim.status-changed')).delivered === 30);
    const statuses = line.requests.filter((r) => r.path === '/v2/bot/message/multicast').map((r) => r.status);
    expect(statuses.filter((s) => s === 429).length).toBe(15);
    // The same 30 parents' texts are identical, so LINE may get them as one multicast; either way each once.
    expect(line.received().length - before).toBe(30);
    const attempts = await t.services.db.execute<{ max: number }>(sql`
      select max(d.attempts)::int as max from notify_deliveries d join notify_messages m on m.id = d.message_id
       where m.source = 'claim.status-changed'`);
    expect(attempts.rows[0]!.max).toBeGreaterThan(1);
  }, 180_000);
});

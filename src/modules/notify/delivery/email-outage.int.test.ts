import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import { type LocalSmtpServer, startLocalSmtpServer } from '../local-servers/local-smtp-server.ts';
import { addEndpoint, makeFamily } from '../testing/notify-factories.ts';
import { notifyParents } from '../use-cases/notify-parents.ts';
import { closeChannels } from './channel-set.ts';

// An SMTP outage: the local mail server refuses every recipient with 451 for a while. Messages wait and retry with
// backoff in the real job queue; each parent gets exactly one mail once the server recovers.

const PARENTS = 8;
let t: TestContext;
let smtp: LocalSmtpServer;

beforeAll(async () => {
  smtp = await startLocalSmtpServer();
  const defaults = loadConfig({}).notify;
  t = await createTestApp({ config: { notify: { ...defaults, smtpUrl: smtp.url, retryBaseSeconds: 1 } } });
});
afterAll(async () => {
  await closeChannels(t.services);
  await t.close();
  await smtp.close();
});

describe('SMTP outage', () => {
  it('retries temporary failures until the server recovers, then delivers each mail once', async () => {
    const addresses: string[] = [];
    for (let i = 0; i < PARENTS; i++) {
      const { parent } = await makeFamily(t.services, { municipalityCode: '131237', birthDate: '2025-04-01' });
      const address = `parent-${i}-${parent.id.slice(0, 8)}@example.jp`;
      addresses.push(address);
      await addEndpoint(t.services, parent, 'email', address);
      await t.services.db.execute(sql`
        insert into notify_preferences (parent_id, household_id, municipality_code, quiet_start_minute, quiet_end_minute)
        values (${parent.id}, ${parent.householdId}, '131237', 0, 0)`);
      await t.services.db.transaction((tx) =>
        notifyParents(t.services, tx, {
          to: { parentId: parent.id },
          source: 'claim.status-changed',
          occurrence: `outage:${i}`,
          template: 'claim-status',
          variables: { ja: { benefit: '018サポート', status: '支給決定' }, en: { benefit: '018', status: 'decided' } },
          why: { rule: 'claim.status-changed' },
        }),
      );
    }
    smtp.failNext(PARENTS * 2, 451, 'rcpt');
    await t.startWorkers();

    const until = Date.now() + 90_000;
    for (;;) {
      const r = await t.services.db.execute<{ n: number }>(
        sql`select count(*)::int as n from notify_deliveries where channel = 'email' and status = 'delivered'`,
      );
      if (r.rows[0]!.n === PARENTS) break;
      if (Date.now() > until) throw new Error('mails were not delivered after the outage');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const received = smtp.messages.flatMap((m) => m.to).sort();
    expect(received).toEqual([...addresses].sort());
    const retried = await t.services.db.execute<{ max: number; errors: number }>(sql`
      select max(attempts)::int as max, count(*) filter (where last_error is not null)::int as errors
        from notify_deliveries where channel = 'email'`);
    expect(retried.rows[0]!.max).toBeGreaterThan(1);
    // Each mail carries the RFC 8058 one-click unsubscribe headers pointing at the signed link.
    expect(smtp.messages[0]!.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(smtp.messages[0]!.headers.get('list-unsubscribe')).toContain('/notify/unsubscribe/');
  }, 120_000);
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { planMonthlyDigest } from './planning/plan-monthly-digest.ts';
import { addEndpoint, makeFamily } from './testing/notify-factories.ts';
import { type NotifyParentsInput, notifyParents } from './use-cases/notify-parents.ts';

// 12:00 in Tokyo on 2026-11-20: outside quiet hours. The digest of December is planned on 2026-12-01.
let now = new Date('2026-11-20T03:00:00Z');
let t: TestContext;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});
afterAll(() => t.close());

const notice = (parentId: string, occurrence: string, urgent = false): NotifyParentsInput => ({
  to: { parentId },
  source: 'claim.status-changed',
  occurrence,
  template: 'claim-status',
  variables: { ja: { benefit: '018サポート', status: '審査中' }, en: { benefit: '018 Support', status: 'in review' } },
  why: { rule: 'claim.status-changed' },
  linkPath: '/benefits',
  urgent,
});

async function family(frequency: 'immediate' | 'monthly-digest') {
  const { parent } = await makeFamily(t.services, { municipalityCode: '131237', birthDate: '2020-04-10' });
  await addEndpoint(t.services, parent, 'email', `p-${parent.id}@example.jp`);
  await t.services.db.execute(sql`
    insert into notify_preferences (parent_id, household_id, municipality_code, frequency)
    values (${parent.id}, ${parent.householdId}, ${parent.municipalityCode}, ${frequency})`);
  return parent;
}

const send = (input: NotifyParentsInput) => t.services.db.transaction((tx) => notifyParents(t.services, tx, input));

async function ledger(parentId: string) {
  const r = await t.services.db.execute<{ source: string; occurrence: string; channel: string; title: string }>(sql`
    select m.source, m.occurrence, d.channel, m.title from notify_messages m join notify_deliveries d on d.message_id = m.id
     where m.parent_id = ${parentId} order by m.source, m.occurrence, d.channel`);
  return r.rows;
}

describe('frequency: monthly digest', () => {
  it('sends at once to an immediate parent, holds for a digest parent, and urgent notices still go at once', async () => {
    const immediate = await family('immediate');
    const digest = await family('monthly-digest');

    expect(await send(notice(immediate.id, 'c1:review'))).toBe(1);
    expect(await ledger(immediate.id)).toEqual([
      {
        source: 'claim.status-changed',
        occurrence: 'c1:review',
        channel: 'email',
        title: '018サポートの申請状況が変わりました',
      },
      {
        source: 'claim.status-changed',
        occurrence: 'c1:review',
        channel: 'inbox',
        title: '018サポートの申請状況が変わりました',
      },
    ]);

    // Held: no message, no inbox row, no e-mail; the same event delivered twice is held once.
    expect(await send(notice(digest.id, 'c2:review'))).toBe(1);
    expect(await send(notice(digest.id, 'c2:review'))).toBe(0);
    expect(await ledger(digest.id)).toEqual([]);
    const held = await t.services.db.execute<{ title: string; folded_month: string | null }>(
      sql`select title, folded_month from notify_held_notices where parent_id = ${digest.id}`,
    );
    expect(held.rows).toEqual([{ title: '018サポートの申請状況が変わりました', folded_month: null }]);

    // Urgent: immediately, inbox and e-mail.
    expect(await send(notice(digest.id, 'c2:needs-fix', true))).toBe(1);
    expect((await ledger(digest.id)).map((r) => `${r.occurrence}/${r.channel}`)).toEqual([
      'c2:needs-fix/email',
      'c2:needs-fix/inbox',
    ]);

    // The month's plan folds the held notice into one digest message with its own ledger rows, once.
    now = new Date('2026-12-01T03:00:00Z');
    const first = await planMonthlyDigest(t.services, { month: '2026-12', municipalityCode: '131237' });
    expect(first.heldDigests).toBe(1);
    const digestRows = (await ledger(digest.id)).filter((r) => r.source === 'digest');
    expect(digestRows.map((r) => `${r.occurrence}/${r.channel}`)).toEqual(['2026-12:held/email', '2026-12:held/inbox']);
    expect(digestRows[0]!.title).toBe('2026年12月のまとめ：1件のお知らせ');
    const message = await t.services.db.execute<{
      id: string;
      body: string;
      why: { rule: string; programs: unknown[] };
    }>(sql`select id, body, why from notify_messages where parent_id = ${digest.id} and source = 'digest'`);
    expect(message.rows[0]!.body).toContain(
      '・018サポートの申請状況が変わりました\n018サポートの申請は「審査中」になりました。',
    );
    expect(message.rows[0]!.why.rule).toBe('held-notices');
    expect(message.rows[0]!.why.programs).toHaveLength(1);
    const folded = await t.services.db.execute<{ folded_month: string; folded_into: string }>(
      sql`select folded_month, folded_into from notify_held_notices where parent_id = ${digest.id}`,
    );
    expect(folded.rows).toEqual([{ folded_month: '2026-12', folded_into: message.rows[0]!.id }]);
    // The immediate parent has nothing held, so no summary.
    expect((await ledger(immediate.id)).filter((r) => r.source === 'digest')).toEqual([]);

    const second = await planMonthlyDigest(t.services, { month: '2026-12', municipalityCode: '131237' });
    expect(second.heldDigests).toBe(0);
  });

  it('does not hold a notice already sent before the parent switched to the digest', async () => {
    const parent = await family('immediate');
    expect(await send(notice(parent.id, 'c3:approved'))).toBe(1);
    await t.services.db.execute(
      sql`update notify_preferences set frequency = 'monthly-digest' where parent_id = ${parent.id}`,
    );
    expect(await send(notice(parent.id, 'c3:approved'))).toBe(0);
    const held = await t.services.db.execute(sql`select 1 from notify_held_notices where parent_id = ${parent.id}`);
    expect(held.rowCount).toBe(0);
  });
});

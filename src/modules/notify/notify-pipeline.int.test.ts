import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeStaff, parentCookie, staffCookie } from '../identity/index.ts';
import { rawRecord } from '../registry/registry.factories.ts';
import { importRegistry } from '../registry/use-cases/import-registry.ts';
import { planMonthlyDigest } from './planning/plan-monthly-digest.ts';
import { addEndpoint, makeFamily } from './testing/notify-factories.ts';
import { notifyParents } from './use-cases/notify-parents.ts';

// 2026-12-01 12:00 in Tokyo: outside the default quiet hours.
const NOON_JST = new Date('2026-12-01T03:00:00Z');
let now = NOON_JST;
let t: TestContext;

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  await importRegistry(t.services, {
    records: [
      rawRecord({ psid: 'test+131237+N1', areaCode: '131237', name: '江戸川区 3か月からの育児相談', months: [3, 11] }),
      rawRecord({ psid: 'test+131237+N2', areaCode: '131237', name: '江戸川区 1歳からの制度', months: [12, 35] }),
      rawRecord({
        psid: 'test+131237+N3',
        areaCode: '131237',
        name: '江戸川区 申請期限が近い制度',
        months: [0, 11],
        procedureTo: '2026-12-10',
      }),
      rawRecord({ psid: 'test+130001+N4', areaCode: '130001', name: '東京都 3か月の制度', months: [3, 5] }),
      rawRecord({ psid: 'test+131199+N5', areaCode: '131199', name: '足立区 3か月の制度', months: [3, 5] }),
    ],
    source: 'test',
    actor: SYSTEM_ACTOR,
  });
});
afterAll(() => t.close());

describe('monthly digest planning', () => {
  it('writes one message per parent and child with the programs and the why, and an inbox ledger row', async () => {
    // Born 2026-09-10: enters the 3-month windows in December 2026.
    const { parent, child } = await makeFamily(t.services, { municipalityCode: '131237', birthDate: '2026-09-10' });
    const endpointId = await addEndpoint(t.services, parent, 'line', `U${parent.id.replaceAll('-', '')}`, {
      lineChannelId: 'demo-131237',
    });
    const result = await planMonthlyDigest(t.services, { month: '2026-12', municipalityCode: '131237' });
    expect(result.childMessages).toBeGreaterThanOrEqual(1);

    const messages = await t.services.db.execute<{ id: string; title: string; body: string; why: never }>(
      sql`select id, title, body, why from notify_messages where parent_id = ${parent.id}`,
    );
    expect(messages.rows).toHaveLength(1);
    const message = messages.rows[0]!;
    expect(message.title).toContain('2026年12月');
    expect(message.body).toContain('江戸川区 3か月からの育児相談');
    expect(message.body).toContain('東京都 3か月の制度');
    expect(message.body).toContain('江戸川区 申請期限が近い制度');
    expect(message.body).not.toContain('1歳からの制度');
    expect(message.body).not.toContain('足立区');
    const why = message.why as { rule: string; childId: string; ageMonths: number; programs: { rule: string }[] };
    expect(why).toMatchObject({ rule: 'monthly-digest', childId: child.id, ageMonths: 3 });
    expect(why.programs.map((p) => p.rule).sort()).toEqual([
      'age-window-entered',
      'age-window-entered',
      'procedure-ends-soon',
      'schedule-window-opens',
      'schedule-window-opens',
    ]);
    // 乳幼児健診 from health's schedule: the 3–6-month check-up opens this month; so does the recommended time of
    // the second hepatitis B dose in health's routine vaccination data.
    expect(message.body).toContain('3〜6か月児健診');
    expect(message.body).toContain('B型肝炎（2回目）');

    const ledger = await t.services.db.execute<{ channel: string; status: string; endpoint_id: string | null }>(
      sql`select channel, status, endpoint_id from notify_deliveries where message_id = ${message.id} order by channel`,
    );
    expect(ledger.rows).toEqual([
      { channel: 'inbox', status: 'delivered', endpoint_id: null },
      { channel: 'line', status: 'created', endpoint_id: endpointId },
    ]);

    // Planning the same month again adds nothing.
    const again = await planMonthlyDigest(t.services, { month: '2026-12', municipalityCode: '131237' });
    expect(again.childMessages).toBe(0);

    // The parent sees it in the inbox and opens 「なぜこのお知らせ？」.
    const cookies = await parentCookie(t.app, t.services, parent);
    const inbox = await t.app.inject({ url: '/notify', cookies, headers: { accept: 'text/html' } });
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).toContain(message.title.replaceAll('&', '&amp;'));
    const page = await t.app.inject({ url: `/notify/messages/${message.id}`, cookies });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('なぜこのお知らせ？');
    expect(page.body).toContain('0歳3か月');
    const opened = await t.services.db.execute<{ opened_at: Date | null }>(
      sql`select opened_at from notify_messages where id = ${message.id}`,
    );
    expect(opened.rows[0]?.opened_at).not.toBeNull();
  });

  it('does not show one parent another household’s message', async () => {
    const a = await makeFamily(t.services, { municipalityCode: '131237', birthDate: '2026-09-02' });
    const b = await makeFamily(t.services, { municipalityCode: '131237', birthDate: '2026-09-03' });
    await planMonthlyDigest(t.services, { month: '2026-12', municipalityCode: '131237' });
    const mine = await t.services.db.execute<{ id: string }>(
      sql`select id from notify_messages where parent_id = ${a.parent.id}`,
    );
    const cookies = await parentCookie(t.app, t.services, b.parent);
    const res = await t.app.inject({ url: `/notify/messages/${mine.rows[0]!.id}`, cookies });
    expect(res.statusCode).toBe(404);
  });
});

describe('quiet hours', () => {
  it('releases at the end of the window, across midnight and within a day', async () => {
    const release = async (at: string, start: number, end: number) => {
      const r = await t.services.db.execute<{ at: Date }>(
        sql`select notify_quiet_release(${at}::timestamptz, ${start}, ${end}) as at`,
      );
      return new Date(r.rows[0]!.at).toISOString();
    };
    // 22:30 JST with 21:00–08:00 → 08:00 JST next day.
    expect(await release('2026-12-01T13:30:00Z', 1260, 480)).toBe('2026-12-01T23:00:00.000Z');
    // 06:00 JST → 08:00 JST same day.
    expect(await release('2026-11-30T21:00:00Z', 1260, 480)).toBe('2026-11-30T23:00:00.000Z');
    // 12:00 JST is outside: unchanged.
    expect(await release('2026-12-01T03:00:00Z', 1260, 480)).toBe('2026-12-01T03:00:00.000Z');
    // A daytime window 13:00–14:00 JST.
    expect(await release('2026-12-01T04:30:00Z', 780, 840)).toBe('2026-12-01T05:00:00.000Z');
    // 08:00 sharp is the end of the window: sends.
    expect(await release('2026-11-30T23:00:00Z', 1260, 480)).toBe('2026-11-30T23:00:00.000Z');
  });

  it('defers a routine notice planned at night to 08:00 and lets an urgent one through', async () => {
    now = new Date('2026-12-01T14:00:00Z'); // 23:00 JST
    try {
      const { parent, child } = await makeFamily(t.services, { municipalityCode: '131237', birthDate: '2026-05-05' });
      await addEndpoint(t.services, parent, 'email', `p-${parent.id}@example.jp`);
      for (const urgent of [false, true]) {
        await t.services.db.transaction((tx) =>
          notifyParents(t.services, tx, {
            to: { parentId: parent.id },
            source: 'claim.status-changed',
            occurrence: `quiet-test:${urgent}`,
            template: 'claim-status',
            variables: { ja: { benefit: '018サポート', status: '要修正' }, en: { benefit: '018', status: 'fix' } },
            why: { rule: 'claim.status-changed', childId: child.id },
            urgent,
          }),
        );
      }
      const rows = await t.services.db.execute<{ urgent: boolean; next_attempt_at: Date }>(sql`
        select m.urgent, d.next_attempt_at from notify_deliveries d join notify_messages m on m.id = d.message_id
         where d.parent_id = ${parent.id} and d.channel = 'email' order by m.urgent`);
      expect(rows.rows.map((r) => [r.urgent, new Date(r.next_attempt_at).toISOString()])).toEqual([
        [false, '2026-12-01T23:00:00.000Z'],
        [true, '2026-12-01T14:00:00.000Z'],
      ]);
    } finally {
      now = NOON_JST;
    }
  });
});

describe('transactional notices', () => {
  it('writes a notice once however often the subscriber runs, and honours an unsubscribed category', async () => {
    const { parent } = await makeFamily(t.services, { municipalityCode: '131237', birthDate: '2025-01-01' });
    const send = () =>
      t.services.db.transaction((tx) =>
        notifyParents(t.services, tx, {
          to: { householdId: parent.householdId },
          source: 'visit.booked',
          occurrence: 'booking-1',
          template: 'visit-booked',
          variables: { ja: { date: '2026-12-20', time: '10:00' }, en: { date: '2026-12-20', time: '10:00' } },
          why: { rule: 'visit.booked' },
        }),
      );
    expect(await send()).toBe(1);
    expect(await send()).toBe(0);
    await t.services.db.execute(sql`
      insert into notify_preferences (parent_id, household_id, municipality_code, unsubscribed_categories)
      values (${parent.id}, ${parent.householdId}, '131237', '{nursery}')`);
    const other = await t.services.db.transaction((tx) =>
      notifyParents(t.services, tx, {
        to: { parentId: parent.id },
        source: 'visit.booked',
        occurrence: 'booking-2',
        template: 'visit-booked',
        variables: { ja: { date: '2026-12-21', time: '10:00' }, en: { date: '2026-12-21', time: '10:00' } },
        why: { rule: 'visit.booked' },
      }),
    );
    expect(other).toBe(0);
  });
});

describe('templates', () => {
  it('refuses a template that uses an unknown variable, naming the variable and the field', async () => {
    const staff = await makeStaff(t.services, { municipalityCode: '130001', roles: ['notice-sender'] });
    const cookies = await staffCookie(t.app, t.services, staff);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notify/templates',
      cookies,
      payload: {
        key: 'monthly-digest',
        titleJa: '((month))のお知らせ',
        bodyJa: '((child_nmae))さんへ ((programs))',
        titleEn: 'For ((child_name))',
        bodyEn: '((programs))',
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body).toContain('((child_nmae))');
    expect(JSON.stringify(bad.json())).toContain('body.bodyJa');

    const good = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notify/templates',
      cookies,
      payload: {
        key: 'monthly-digest',
        titleJa: '((month))：((child_name))さんへ',
        bodyJa: '((programs))',
        titleEn: '((month)): for ((child_name))',
        bodyEn: '((programs))',
      },
    });
    expect(good.statusCode).toBe(201);
    expect(good.json()).toEqual({ key: 'monthly-digest', version: 1 });
  });
});

describe('staff dashboard', () => {
  it('shows delivery figures of the staff member’s own municipality only', async () => {
    const edogawa = await makeStaff(t.services, { municipalityCode: '131237', roles: ['notice-sender'] });
    const adachi = await makeStaff(t.services, { municipalityCode: '131211', roles: ['notice-sender'] });
    const own = await t.app.inject({ url: '/staff/notify', cookies: await staffCookie(t.app, t.services, edogawa) });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('<svg');
    expect(own.body).toMatch(/<td>inbox<\/td><td>[1-9]/);
    const other = await t.app.inject({ url: '/staff/notify', cookies: await staffCookie(t.app, t.services, adachi) });
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain('<td>inbox</td>');
    const parentOnly = await t.app.inject({ url: '/staff/notify' });
    expect(parentOnly.statusCode).toBe(303);
  });
});

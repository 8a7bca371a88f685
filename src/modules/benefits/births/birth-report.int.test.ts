import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import {
  CookieJarClient,
  formField,
  getHousehold,
  makeParent,
  makeStaff,
  parentCookie,
  staffCookie,
} from '../../identity/index.ts';

let t: TestContext;
let clock = new Date('2025-04-10T01:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(() => t?.close());

async function staffBrowser(municipalityCode: string) {
  const staff = await makeStaff(t.services, { municipalityCode, roles: ['municipality-admin'] });
  const browser = new CookieJarClient(t.app);
  browser.setCookie('tsunagu_session', (await staffCookie(t.app, t.services, staff)).tsunagu_session);
  return browser;
}

describe('birth report fan-out', () => {
  it('staff enter a 出生届; the parent adds the child with one tap and finds 018 + 赤ちゃんファースト ready', async () => {
    clock = new Date('2025-04-10T01:00:00Z');
    const { parent, actor } = await makeParent(t.services, { municipalityCode: '131199', name: '板橋 花子' });
    clock = new Date('2025-06-20T01:00:00Z');
    const staff = await staffBrowser('131199');
    const form = await staff.request({ url: '/staff/benefits/births' });
    const report = {
      _csrf: formField(form.body, '_csrf'),
      householdId: parent.householdId,
      childName: '板橋 そら',
      childNameKana: 'いたばし そら',
      birthDate: '2025-06-15',
      sex: 'female',
      parent1Name: '板橋花子',
      parent1Relationship: 'mother',
      parent2Name: '',
      parent2Relationship: 'father',
      address: '東京都板橋区1丁目1番1号',
    };

    // A report naming nobody of that household is refused, with the field named.
    const wrong = await staff.request({
      method: 'POST',
      url: '/staff/benefits/births',
      form: { ...report, parent1Name: '別人 太郎' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('この世帯の保護者ではありません');
    // Staff of another municipality cannot report into this household.
    const setagaya = await staffBrowser('131121');
    const other = await setagaya.request({ url: '/staff/benefits/births' });
    const denied = await setagaya.request({
      method: 'POST',
      url: '/staff/benefits/births',
      form: { ...report, _csrf: formField(other.body, '_csrf') },
    });
    expect(denied.statusCode).toBe(403);

    const saved = await staff.request({ method: 'POST', url: '/staff/benefits/births', form: report });
    expect(saved.statusCode).toBe(303);
    const events = await t.services.db.execute<{ payload: { householdId: string } }>(
      sql`select payload from outbox_events where type = 'birth.reported'`,
    );
    expect(events.rows.map((r) => r.payload.householdId)).toContain(parent.householdId);

    const browser = new CookieJarClient(t.app);
    browser.setCookie('tsunagu_session', (await parentCookie(t.app, t.services, parent)).tsunagu_session);
    const page = await browser.request({ url: '/benefits' });
    expect(page.body).toContain('出生届が届いています');
    const action = /action="(\/benefits\/births\/[0-9a-f-]{36}\/confirm)"/.exec(page.body)![1]!;
    const tap = { _csrf: formField(page.body, '_csrf') };
    const [one, two] = await Promise.all([
      browser.request({ method: 'POST', url: action, form: tap }),
      browser.request({ method: 'POST', url: action, form: tap }),
    ]);
    expect([one.statusCode, two.statusCode]).toEqual([303, 303]);

    const household = await getHousehold({ services: t.services, actor }, { householdId: parent.householdId });
    expect(household.children.map((c) => c.name)).toEqual(['板橋 そら']);
    expect(household.relationships[0]!.relationship).toBe('mother');
    const confirmed = await t.services.db.execute(sql`select 1 from outbox_events where type = 'birth.confirmed'`);
    expect(confirmed.rows).toHaveLength(1);

    const ready = await browser.request({ url: '/benefits?done=birth-confirmed' });
    expect(ready.body).not.toContain('出生届が届いています');
    const childId = household.children[0]!.id;
    expect(formField(ready.body, 'selection').split(',').sort()).toEqual([
      `${childId}:018support`,
      `${childId}:akachan-first`,
    ]);
  });
});

describe('household search on the birth-report form', () => {
  it('finds the household by part of a guardian’s name, address or birth date in the own municipality only, audited', async () => {
    const { parent } = await makeParent(t.services, { municipalityCode: '131199', name: '検索 七海' });
    const elsewhere = await makeParent(t.services, { municipalityCode: '131121', name: '検索 七海' });
    const staff = await staffBrowser('131199');

    const byName = await staff.request({ url: `/staff/benefits/births?searchName=${encodeURIComponent('七海')}` });
    expect(byName.statusCode).toBe(200);
    expect(byName.body).toContain('検索 七海');
    // The same name in 世田谷区 is not this municipality's to see.
    expect(byName.body).toContain(`householdId=${parent.householdId}`);
    expect(byName.body).not.toContain(elsewhere.parent.householdId);

    const byDate = await staff.request({
      url: '/staff/benefits/births?searchBirthDate=1990-05-01&searchAddress=板橋区',
    });
    expect(byDate.body).toContain(`householdId=${parent.householdId}`);
    // A wildcard typed by staff is a literal character, not "everything".
    const wildcard = await staff.request({ url: '/staff/benefits/births?searchName=%25' });
    expect(wildcard.body).toContain('該当する世帯はありません');

    // Choosing the household fills the report form.
    const chosen = await staff.request({ url: `/staff/benefits/births?householdId=${parent.householdId}` });
    expect(chosen.body).toMatch(
      new RegExp(`id="field-householdId" name="householdId" type="text" value="${parent.householdId}"`),
    );

    const bad = await staff.request({ url: '/staff/benefits/births?searchBirthDate=1990-13-40' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('生年月日は日付');

    const audits = await t.services.db.execute<{ n: number }>(
      sql`select count(*)::int n from audit_events where action = 'household.read'
          and resource_id = ${parent.householdId} and purpose like 'birth report: find the household%'`,
    );
    expect(audits.rows[0]!.n).toBeGreaterThanOrEqual(2);
  });
});

import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import { demoCardIssuer } from '../../identity/demo-card/demo-card-provider.ts';
import { CookieJarClient, formField, makeParent, parentCookie, registerChild } from '../../identity/index.ts';

let t: TestContext;
// 2025-06-20 in Tokyo: FY2025, so a child born 2025-05-10 is due 018 (Jun–Mar) and 赤ちゃんファースト.
let clock = new Date('2025-06-20T01:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(() => t?.close());

async function signedInParentWithNewborn() {
  // The household's residence starts on the first sign-in: sign in before the birth, then the birth is registered.
  clock = new Date('2025-04-10T01:00:00Z');
  const { parent, actor } = await makeParent(t.services, { municipalityCode: '131199' });
  clock = new Date('2025-06-20T01:00:00Z');
  const child = await registerChild(
    { services: t.services, actor },
    {
      name: '板橋 ひかり',
      nameKana: 'いたばし ひかり',
      birthDate: '2025-06-01',
      sex: 'female',
      relationship: 'mother',
    },
  );
  const browser = new CookieJarClient(t.app);
  browser.setCookie('tsunagu_session', (await parentCookie(t.app, t.services, parent)).tsunagu_session);
  return { parent, child, browser };
}

const account = {
  bankCode: '0001',
  branchCode: '123',
  accountType: '1',
  accountNumber: '1234567',
  holderKana: 'いたばし はなこ',
};

describe('parent benefit pages', () => {
  it('send a signed-out visitor to sign in', async () => {
    const res = await t.app.inject({ url: '/benefits', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?next=%2Fbenefits');
  });

  it('show what each child is due, then sign and submit once: one claim per benefit, nothing twice', async () => {
    const { parent, child, browser } = await signedInParentWithNewborn();
    const page = await browser.request({ url: '/benefits' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('板橋 ひかり');
    expect(page.body).toContain('018サポート');
    expect(page.body).toContain('赤ちゃんファースト');
    expect(page.body).toContain('公金受取口座');
    const selection = formField(page.body, 'selection');
    expect(selection.split(',').sort()).toEqual([`${child.id}:018support`, `${child.id}:akachan-first`]);

    // Bad account and no household tick: re-rendered with the fields' messages, nothing stored.
    const bad = await browser.request({
      method: 'POST',
      url: '/benefits/confirm',
      form: {
        _csrf: formField(page.body, '_csrf'),
        idempotencyKey: formField(page.body, 'idempotencyKey'),
        selection,
        ...account,
        bankCode: '12',
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('金融機関コードは4桁の数字です');
    expect(bad.body).toContain('世帯の情報を確認してチェックを入れてください');

    const check = await browser.request({
      method: 'POST',
      url: '/benefits/confirm',
      form: {
        _csrf: formField(page.body, '_csrf'),
        idempotencyKey: formField(page.body, 'idempotencyKey'),
        selection,
        householdConfirmed: 'yes',
        source: 'manual',
        ...account,
      },
    });
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('ｲﾀﾊﾞｼ ﾊﾅｺ');
    const signForm = {
      _csrf: formField(check.body, '_csrf'),
      idempotencyKey: formField(check.body, 'idempotencyKey'),
      selection: formField(check.body, 'selection'),
      source: 'manual',
      ...account,
      holderKana: formField(check.body, 'holderKana'),
    };
    const submitted = await browser.request({ method: 'POST', url: '/benefits/apply', form: signForm });
    expect(submitted.statusCode).toBe(303);
    expect(submitted.headers.location).toBe('/benefits/claims?done=applied');

    // A double tap (same form again) opens nothing: answered from the first.
    const again = await browser.request({ method: 'POST', url: '/benefits/apply', form: signForm });
    expect(again.headers.location).toBe('/benefits/claims?done=replayed');

    const claims = await t.services.db.execute<{ benefit_code: string; child_id: string }>(
      sql`select benefit_code, child_id from benefit_claims where parent_id = ${parent.id} order by benefit_code`,
    );
    expect(claims.rows.map((r) => r.benefit_code)).toEqual(['018support', 'akachan-first']);
    expect(claims.rows.every((r) => r.child_id === child.id)).toBe(true);
    const apps = await t.services.db.execute<{ signature: string | null; signed_document: string }>(
      sql`select signature, signed_document from benefit_applications where parent_id = ${parent.id}`,
    );
    expect(apps.rows).toHaveLength(1);
    expect(apps.rows[0]!.signature).toBeTruthy();
    expect(JSON.parse(apps.rows[0]!.signed_document).children[0].benefits).toEqual(['018support', 'akachan-first']);
    // Each use of the card key is audited (the first submission and the double tap), with the claims it opened.
    const audits = await t.services.db.execute<{ action: string; n: number }>(
      sql`select action, count(*)::int n from audit_events where actor_id = ${parent.id}
          and action in ('signature.create', 'benefit-claim.create') group by action order by action`,
    );
    expect(audits.rows).toEqual([
      { action: 'benefit-claim.create', n: 2 },
      { action: 'signature.create', n: 2 },
    ]);

    const list = await browser.request({ url: '/benefits/claims?done=applied' });
    expect(list.body).toContain('申請を受け付けました');
    expect(list.body).toContain('申請受付');
    const claimId = /href="\/benefits\/claims\/([0-9a-f-]{36})"/.exec(list.body)![1]!;
    const timeline = await browser.request({ url: `/benefits/claims/${claimId}` });
    expect(timeline.statusCode).toBe(200);
    expect(timeline.body).toContain('data-testid="timeline"');
    expect(timeline.body).toContain('2025');

    // The apply page now offers nothing more for this child.
    const after = await browser.request({ url: '/benefits' });
    expect(after.body).toContain('申請済み');
    expect(after.body).not.toContain('data-testid="benefits-next"');

    // An application that fails after the read (nothing selected: 409) rolls its transaction back, yet the
    // household was read: its audit record is written all the same. The re-rendered apply page reads the household
    // and the two claims again (an application itself does not read the claims).
    const reads = async () =>
      (
        await t.services.db.execute<{ action: string; n: number }>(
          sql`select action, count(*)::int n from audit_events where actor_id = ${parent.id}
              and action in ('household.read', 'benefit-claim.read') group by action order by action`,
        )
      ).rows;
    const before = await reads();
    const refused = await browser.request({
      method: 'POST',
      url: '/benefits/apply',
      form: { ...signForm, idempotencyKey: randomUUID(), selection: '' },
    });
    expect(refused.statusCode).toBe(409);
    expect(
      (await reads()).map((r) => ({ action: r.action, n: r.n - (before.find((b) => b.action === r.action)?.n ?? 0) })),
    ).toEqual([
      { action: 'benefit-claim.read', n: 2 },
      { action: 'household.read', n: 2 },
    ]);

    // English works too.
    browser.setCookie('lang', 'en');
    const en = await browser.request({ url: '/benefits/claims' });
    expect(en.body).toContain('Your applications');
  });

  it('refuse another parent’s claim timeline (404, audited)', async () => {
    const { browser } = await signedInParentWithNewborn();
    const other = await signedInParentWithNewborn();
    const page = await other.browser.request({ url: '/benefits' });
    const check = await other.browser.request({
      method: 'POST',
      url: '/benefits/apply',
      form: {
        _csrf: formField(page.body, '_csrf'),
        idempotencyKey: formField(page.body, 'idempotencyKey'),
        selection: formField(page.body, 'selection'),
        source: 'manual',
        ...account,
      },
    });
    expect(check.statusCode).toBe(303);
    const list = await other.browser.request({ url: '/benefits/claims' });
    const claimId = /href="\/benefits\/claims\/([0-9a-f-]{36})"/.exec(list.body)![1]!;
    const res = await browser.request({ url: `/benefits/claims/${claimId}` });
    expect(res.statusCode).toBe(404);
  });
});

describe('公金受取口座', () => {
  it('offers the account the demo card authority holds for the parent, and pays into it (never the posted fields)', async () => {
    clock = new Date('2025-04-10T01:00:00Z');
    const { parent, actor } = await makeParent(t.services, {
      municipalityCode: '131199',
      issuer: demoCardIssuer(t.services.config),
      subject: 'demo-resident-0001',
    });
    clock = new Date('2025-06-20T01:00:00Z');
    await registerChild(
      { services: t.services, actor },
      { name: '板橋 あお', nameKana: 'いたばし あお', birthDate: '2025-06-02', sex: 'male', relationship: 'mother' },
    );
    const browser = new CookieJarClient(t.app);
    browser.setCookie('tsunagu_session', (await parentCookie(t.app, t.services, parent)).tsunagu_session);
    const page = await browser.request({ url: '/benefits' });
    expect(page.body).toContain('data-testid="public-account"');
    expect(page.body).toContain('****592');
    expect(page.body).not.toContain('3141592');
    const base = {
      _csrf: formField(page.body, '_csrf'),
      idempotencyKey: formField(page.body, 'idempotencyKey'),
      selection: formField(page.body, 'selection'),
      householdConfirmed: 'yes',
      source: 'public-receipt',
      // Whatever else is posted is ignored: the registered account is looked up again.
      bankCode: '9999',
      branchCode: '999',
      accountType: '1',
      accountNumber: '9999999',
      holderKana: 'ﾆｾﾓﾉ',
    };
    const check = await browser.request({ method: 'POST', url: '/benefits/confirm', form: base });
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('ｲﾀﾊﾞｼ ﾖｳｺ');
    const applied = await browser.request({
      method: 'POST',
      url: '/benefits/apply',
      form: { ...base, _csrf: formField(check.body, '_csrf') },
    });
    expect(applied.headers.location).toBe('/benefits/claims?done=applied');
    const rows = await t.services.db.execute(
      sql`select account_source, bank_code, branch_code, account_number, account_holder_kana
          from benefit_applications where parent_id = ${parent.id}`,
    );
    expect(rows.rows).toEqual([
      {
        account_source: 'public-receipt',
        bank_code: '0001',
        branch_code: '235',
        account_number: '3141592',
        account_holder_kana: 'ｲﾀﾊﾞｼ ﾖｳｺ',
      },
    ]);
    const audits = await t.services.db.execute(
      sql`select count(*)::int n from audit_events where actor_id = ${parent.id} and action = 'public-receipt-account.read'`,
    );
    expect((audits.rows[0] as { n: number }).n).toBeGreaterThanOrEqual(3);
  });

  it('says so, naming the field, when a parent without one asks for it', async () => {
    const { browser } = await signedInParentWithNewborn();
    const page = await browser.request({ url: '/benefits' });
    expect(page.body).not.toContain('data-testid="public-account"');
    const res = await browser.request({
      method: 'POST',
      url: '/benefits/confirm',
      form: {
        _csrf: formField(page.body, '_csrf'),
        idempotencyKey: formField(page.body, 'idempotencyKey'),
        selection: formField(page.body, 'selection'),
        householdConfirmed: 'yes',
        source: 'public-receipt',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('公金受取口座が登録されていません');
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import {
  CookieJarClient,
  formField,
  makeParent,
  makeStaff,
  parentCookie,
  registerChild,
  staffCookie,
} from '../../identity/index.ts';

let t: TestContext;
let clock = new Date('2025-06-20T01:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(() => t?.close());

const account = {
  bankCode: '0001',
  branchCode: '123',
  accountType: '1',
  accountNumber: '1234567',
  holderKana: 'イタバシ ハナコ',
};

async function appliedParent() {
  clock = new Date('2025-04-10T01:00:00Z');
  const { parent, actor } = await makeParent(t.services, { municipalityCode: '131199' });
  clock = new Date('2025-06-20T01:00:00Z');
  await registerChild(
    { services: t.services, actor },
    { name: '板橋 そら', nameKana: 'いたばし そら', birthDate: '2025-06-01', sex: 'male', relationship: 'mother' },
  );
  const browser = new CookieJarClient(t.app);
  browser.setCookie('tsunagu_session', (await parentCookie(t.app, t.services, parent)).tsunagu_session);
  const page = await browser.request({ url: '/benefits' });
  await browser.request({
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
  const list = await browser.request({ url: '/benefits/claims' });
  const idOf = (code: string) =>
    new RegExp(`data-benefit="${code}"[\\s\\S]*?href="/benefits/claims/([0-9a-f-]{36})"`).exec(list.body)![1]!;
  return { parent, browser, support: idOf('018support'), gift: idOf('akachan-first') };
}

async function staffBrowser(roles: Parameters<typeof makeStaff>[1]['roles']) {
  const staff = await makeStaff(t.services, { municipalityCode: '131199', roles });
  const browser = new CookieJarClient(t.app);
  browser.setCookie('tsunagu_session', (await staffCookie(t.app, t.services, staff)).tsunagu_session);
  return browser;
}

describe('parent claim pages: resubmit after a fix request, withdraw with confirmation', () => {
  it('withdraws only after the box is ticked; a withdrawn claim offers no more moves', async () => {
    const { browser, support } = await appliedParent();
    const claim = await browser.request({ url: `/benefits/claims/${support}` });
    expect(claim.body).toContain('data-testid="withdraw-link"');
    expect(claim.body).not.toContain('data-testid="resubmit-link"'); // no fix requested

    const confirm = await browser.request({ url: `/benefits/claims/${support}/withdraw` });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('元に戻すことはできません');
    const noToken = await browser.request({
      method: 'POST',
      url: `/benefits/claims/${support}/withdraw`,
      form: { confirm: 'yes' },
    });
    expect(noToken.statusCode).toBe(403);
    const unticked = await browser.request({
      method: 'POST',
      url: `/benefits/claims/${support}/withdraw`,
      form: { _csrf: formField(confirm.body, '_csrf') },
    });
    expect(unticked.statusCode).toBe(400);
    expect(unticked.body).toContain('取り下げる場合はチェックを入れてください');
    expect((await browser.request({ url: `/benefits/claims/${support}` })).body).not.toContain('取下げ</');

    const done = await browser.request({
      method: 'POST',
      url: `/benefits/claims/${support}/withdraw`,
      form: { _csrf: formField(confirm.body, '_csrf'), confirm: 'yes' },
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/benefits/claims/${support}?done=withdrawn`);
    const after = await browser.request({ url: done.headers.location as string });
    expect(after.body).toContain('申請を取り下げました');
    expect(after.body).toContain('取下げ');
    expect(after.body).not.toContain('data-testid="withdraw-link"');
    // The confirmation page of a closed claim sends back to the claim.
    expect((await browser.request({ url: `/benefits/claims/${support}/withdraw` })).statusCode).toBe(303);

    // The withdrawn claim no longer holds the year: the apply page offers 018サポート again, and applying opens a
    // new claim beside the withdrawn one (the gift, still open, is not offered twice).
    const page = await browser.request({ url: '/benefits' });
    expect(page.body).toContain('data-testid="benefits-next"');
    expect(formField(page.body, 'selection')).not.toContain('akachan-first');
    const reapplied = await browser.request({
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
    expect(reapplied.statusCode).toBe(303);
    const list = (await browser.request({ url: '/benefits/claims' })).body;
    const supportClaims = [
      ...list.matchAll(/data-benefit="018support"[\s\S]*?href="\/benefits\/claims\/([0-9a-f-]{36})"/g),
    ];
    expect(new Set(supportClaims.map((m) => m[1])).size).toBe(2);
    expect(supportClaims.map((m) => m[1])).toContain(support);
  });

  it('shows the reason, validates the corrected account, resubmits; another parent gets a 404', async () => {
    const { browser, gift, support } = await appliedParent();
    const reviewer = await staffBrowser(['benefits-reviewer']);
    const queue = await reviewer.request({ url: '/staff/benefits' });
    await reviewer.request({
      method: 'POST',
      url: '/staff/benefits/bulk',
      form: { _csrf: formField(queue.body, '_csrf'), action: 'start-review', claimId: support },
    });
    const detail = await reviewer.request({ url: `/staff/benefits/claims/${support}` });
    await reviewer.request({
      method: 'POST',
      url: `/staff/benefits/claims/${support}/status`,
      form: { _csrf: formField(detail.body, '_csrf'), to: 'needs-fix', reason: '口座番号を確認してください' },
    });

    const claim = await browser.request({ url: `/benefits/claims/${support}` });
    expect(claim.body).toContain('data-testid="resubmit-link"');
    expect(claim.body).toContain('口座番号を確認してください');
    const form = await browser.request({ url: `/benefits/claims/${support}/resubmit` });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('口座番号を確認してください');
    expect(form.body).toContain('****567'); // the account in force, masked
    // The resubmission page of a claim without a fix request sends back to the claim.
    expect((await browser.request({ url: `/benefits/claims/${gift}/resubmit` })).statusCode).toBe(303);

    const bad = await browser.request({
      method: 'POST',
      url: `/benefits/claims/${support}/resubmit`,
      form: { _csrf: formField(form.body, '_csrf'), accountChoice: 'manual', ...account, accountNumber: '12' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('口座番号は7桁の数字です');
    const nothing = await browser.request({
      method: 'POST',
      url: `/benefits/claims/${support}/resubmit`,
      form: { _csrf: formField(form.body, '_csrf'), accountChoice: 'keep', note: '' },
    });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain('口座を直すか、直した内容を補足欄に書いてください');

    const other = await appliedParent();
    expect((await other.browser.request({ url: `/benefits/claims/${support}/resubmit` })).statusCode).toBe(404);

    const ok = await browser.request({
      method: 'POST',
      url: `/benefits/claims/${support}/resubmit`,
      form: { _csrf: formField(form.body, '_csrf'), accountChoice: 'manual', ...account, accountNumber: '7654321' },
    });
    expect(ok.statusCode).toBe(303);
    const after = await browser.request({ url: ok.headers.location as string });
    expect(after.body).toContain('再提出しました');
    expect(after.body).toContain('再提出');
    const [row] = (
      await t.services.db.execute<{ account_number: string }>(
        sql`select a.account_number from benefit_applications a join benefit_claims c on c.application_id = a.id
            where c.id = ${support}`,
      )
    ).rows;
    expect(row!.account_number).toBe('7654321');
  });
});

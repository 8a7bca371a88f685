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
import { parseTransferFile } from '../payments/zengin-transfer-file.ts';

let t: TestContext;
let clock = new Date('2025-06-20T01:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(() => t?.close());

const ITABASHI = '131199';
const account = {
  bankCode: '0001',
  branchCode: '123',
  accountType: '1',
  accountNumber: '1234567',
  holderKana: 'イタバシ ハナコ',
};

/** A parent of a newborn applies through the pages (018 + 赤ちゃんファースト). */
async function parentApplies(municipalityCode = ITABASHI) {
  clock = new Date('2025-04-10T01:00:00Z');
  const { parent, actor } = await makeParent(t.services, { municipalityCode });
  clock = new Date('2025-06-20T01:00:00Z');
  await registerChild(
    { services: t.services, actor },
    { name: '板橋 みらい', nameKana: 'いたばし みらい', birthDate: '2025-06-01', sex: 'male', relationship: 'mother' },
  );
  const browser = new CookieJarClient(t.app);
  browser.setCookie('tsunagu_session', (await parentCookie(t.app, t.services, parent)).tsunagu_session);
  const page = await browser.request({ url: '/benefits' });
  const res = await browser.request({
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
  expect(res.statusCode).toBe(303);
  return { parent, browser };
}

async function staffBrowser(municipalityCode: string, roles: Parameters<typeof makeStaff>[1]['roles']) {
  const staff = await makeStaff(t.services, { municipalityCode, roles });
  const browser = new CookieJarClient(t.app);
  browser.setCookie('tsunagu_session', (await staffCookie(t.app, t.services, staff)).tsunagu_session);
  return browser;
}

const claimIds = (html: string) => [...html.matchAll(/name="claimId" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);

describe('staff benefits console', () => {
  it('reviews, approves in bulk with checks, asks for a fix, pays from a 全銀 file and records the result', async () => {
    const first = await parentApplies();
    const second = await parentApplies();
    const staff = await staffBrowser(ITABASHI, ['benefits-reviewer', 'municipality-admin']);
    // Reviewing and deciding are two roles held by two people (four eyes).
    const approverBrowser = await staffBrowser(ITABASHI, ['benefits-approver']);

    const queue = await staff.request({ url: '/staff/benefits' });
    expect(queue.statusCode).toBe(200);
    const ids = claimIds(queue.body);
    expect(ids.length).toBeGreaterThanOrEqual(4);

    // A reviewer may not approve at all (the approver role decides).
    const byReviewer = await staff.request({
      method: 'POST',
      url: '/staff/benefits/bulk',
      form: { _csrf: formField(queue.body, '_csrf'), action: 'approve', claimId: ids.join(',') },
    });
    expect(byReviewer.statusCode).toBe(403);
    // Approving claims not yet under review is refused per claim with the named check.
    const approverQueue = await approverBrowser.request({ url: '/staff/benefits' });
    expect(approverQueue.statusCode).toBe(200);
    const early = await approverBrowser.request({
      method: 'POST',
      url: '/staff/benefits/bulk',
      form: { _csrf: formField(approverQueue.body, '_csrf'), action: 'approve', claimId: ids.join(',') },
    });
    expect(early.body).toContain('この状況では処理できません');

    const started = await staff.request({
      method: 'POST',
      url: '/staff/benefits/bulk',
      form: { _csrf: formField(queue.body, '_csrf'), action: 'start-review', claimId: ids.join(',') },
    });
    expect(started.statusCode).toBe(200);
    expect(started.body).toContain('処理しました');

    // One of the second parent's claims needs a fix (with the reason the parent reads); the rest are approved.
    const secondList = await second.browser.request({ url: '/benefits/claims' });
    const fixId = /href="\/benefits\/claims\/([0-9a-f-]{36})"/.exec(secondList.body)![1]!;
    const detail = await staff.request({ url: `/staff/benefits/claims/${fixId}` });
    expect(detail.body).toContain('審査中');
    expect(detail.body).toContain('✓署名');
    const noReason = await staff.request({
      method: 'POST',
      url: `/staff/benefits/claims/${fixId}/status`,
      form: { _csrf: formField(detail.body, '_csrf'), to: 'needs-fix', reason: ' ' },
    });
    expect(noReason.statusCode).toBe(400);
    const fix = await staff.request({
      method: 'POST',
      url: `/staff/benefits/claims/${fixId}/status`,
      form: { _csrf: formField(detail.body, '_csrf'), to: 'needs-fix', reason: '口座名義を確認してください' },
    });
    expect(fix.statusCode).toBe(303);
    const parentView = await second.browser.request({ url: `/benefits/claims/${fixId}` });
    expect(parentView.body).toContain('要修正');
    expect(parentView.body).toContain('口座名義を確認してください');
    // The parent answers on the resubmission page: the reason is shown, the branch corrected, a note added.
    const resubmitPage = await second.browser.request({ url: `/benefits/claims/${fixId}/resubmit` });
    expect(resubmitPage.statusCode).toBe(200);
    expect(resubmitPage.body).toContain('口座名義を確認してください');
    const resubmit = await second.browser.request({
      method: 'POST',
      url: `/benefits/claims/${fixId}/resubmit`,
      form: {
        _csrf: formField(resubmitPage.body, '_csrf'),
        accountChoice: 'manual',
        ...account,
        branchCode: '456',
        note: '支店を直しました',
      },
    });
    expect(resubmit.statusCode).toBe(303);
    expect((await second.browser.request({ url: `/benefits/claims/${fixId}` })).body).toContain('再提出');
    const corrected = await staff.request({ url: `/staff/benefits/claims/${fixId}` });
    expect(corrected.body).toContain('data-testid="corrections"');
    expect(corrected.body).toContain('0001-123 1 1234567');
    expect(corrected.body).toContain('0001-456 1 1234567');
    expect(corrected.body).toContain('支店を直しました');

    const approved = await approverBrowser.request({
      method: 'POST',
      url: '/staff/benefits/bulk',
      form: {
        _csrf: formField(approverQueue.body, '_csrf'),
        action: 'approve',
        claimId: ids.filter((id) => id !== fixId).join(','),
      },
    });
    expect(approved.body).not.toContain('処理しませんでした');

    // Payment file for instalment 1 (Apr–Jul): June and July for each approved 018 claim.
    const batchRes = await staff.request({
      method: 'POST',
      url: '/staff/benefits/payment-batches',
      form: {
        _csrf: formField(queue.body, '_csrf'),
        fiscalYear: '2025',
        instalmentNo: '1',
        transferDate: '2025-08-08',
        consignorCode: '0000131199',
        consignorName: 'ｲﾀﾊﾞｼｸ',
        bankCode: '0005',
        bankName: 'ﾃﾞﾓｷﾞﾝｺｳ',
        branchCode: '101',
        branchName: 'ﾎﾝﾃﾝ',
        accountType: '1',
        accountNumber: '7654321',
      },
    });
    expect(batchRes.statusCode).toBe(303);
    const batchUrl = batchRes.headers.location as string;
    const batch = await staff.request({ url: batchUrl });
    expect(batch.body).toContain('data-testid="total-count"');
    const file = await staff.request({ url: `${batchUrl}/file` });
    expect(file.headers['content-disposition']).toContain('attachment');
    const parsed = parseTransferFile(file.rawPayload);
    const count = Number(/data-testid="total-count">(\d+)</.exec(batch.body)![1]);
    expect(parsed.trailer.count).toBe(count);
    expect(parsed.records.every((r) => r.payeeName === 'ｲﾀﾊﾞｼ ﾊﾅｺ' && r.amount === 10000)).toBe(true);
    expect(parsed.trailer.total).toBe(10000 * count);

    const saved = await staff.request({
      method: 'POST',
      url: `${batchUrl}/results`,
      form: {
        _csrf: formField(batch.body, '_csrf'),
        ...Object.fromEntries(parsed.records.map((_, i) => [`line-${i + 1}`, 'paid'])),
      },
    });
    expect(saved.statusCode).toBe(303);
    const firstClaims = await first.browser.request({ url: '/benefits/claims' });
    expect(firstClaims.body).toContain('振込済');
  });

  it('keeps each municipality to its own claims and checks permissions', async () => {
    await parentApplies();
    const setagaya = await staffBrowser('131121', ['benefits-reviewer']);
    const queue = await setagaya.request({ url: '/staff/benefits' });
    expect(claimIds(queue.body)).toHaveLength(0);

    const itabashi = await staffBrowser(ITABASHI, ['benefits-reviewer']);
    const own = await itabashi.request({ url: '/staff/benefits' });
    const id = claimIds(own.body)[0]!;
    const other = await setagaya.request({ url: `/staff/benefits/claims/${id}` });
    expect(other.statusCode).toBe(404);

    const noRole = await staffBrowser(ITABASHI, ['nursery-screener']);
    expect((await noRole.request({ url: '/staff/benefits' })).statusCode).toBe(403);
    // A reviewer without the treasury permission cannot make payment files.
    const pay = await itabashi.request({
      method: 'POST',
      url: '/staff/benefits/payment-batches',
      form: { _csrf: formField(own.body, '_csrf'), fiscalYear: '2025', instalmentNo: '1', transferDate: '2025-08-08' },
    });
    expect(pay.statusCode).toBe(403);
  });
});

describe('赤ちゃんファースト gift card dispatch console', () => {
  it('lists decided cards of the municipality and records the dispatch in bulk; the parent sees each step', async () => {
    const { browser: parent } = await parentApplies();
    const reviewer = await staffBrowser(ITABASHI, ['benefits-reviewer', 'municipality-admin']);
    const approver = await staffBrowser(ITABASHI, ['benefits-approver']);
    const queue = await reviewer.request({ url: '/staff/benefits' });
    const claims = await parent.request({ url: '/benefits/claims' });
    const giftId = /data-benefit="akachan-first"[\s\S]*?href="\/benefits\/claims\/([0-9a-f-]{36})"/.exec(
      claims.body,
    )![1]!;
    await reviewer.request({
      method: 'POST',
      url: '/staff/benefits/bulk',
      form: { _csrf: formField(queue.body, '_csrf'), action: 'start-review', claimId: giftId },
    });
    const approverQueue = await approver.request({ url: '/staff/benefits' });
    await approver.request({
      method: 'POST',
      url: '/staff/benefits/bulk',
      form: { _csrf: formField(approverQueue.body, '_csrf'), action: 'approve', claimId: giftId },
    });

    const list = await reviewer.request({ url: '/staff/benefits/gift-dispatch' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`value="${giftId}"`);
    // The approver alone (no treasury permission) sees the list but may not record a dispatch.
    const approverList = await approver.request({ url: '/staff/benefits/gift-dispatch' });
    expect(approverList.body).not.toContain('data-testid="gift-all"');
    const refused = await approver.request({
      method: 'POST',
      url: '/staff/benefits/gift-dispatch',
      form: {
        _csrf: formField(approverList.body, '_csrf'),
        municipality: ITABASHI,
        state: 'awaiting',
        to: 'preparing',
        scope: 'all',
      },
    });
    expect(refused.statusCode).toBe(403);
    // Without the CSRF token nothing happens.
    const noToken = await reviewer.request({
      method: 'POST',
      url: '/staff/benefits/gift-dispatch',
      form: { municipality: ITABASHI, state: 'awaiting', to: 'preparing', scope: 'all' },
    });
    expect(noToken.statusCode).toBe(403);

    const prepared = await reviewer.request({
      method: 'POST',
      url: '/staff/benefits/gift-dispatch',
      form: {
        _csrf: formField(list.body, '_csrf'),
        municipality: ITABASHI,
        state: 'awaiting',
        to: 'preparing',
        scope: 'all',
      },
    });
    expect(prepared.statusCode).toBe(200);
    expect(prepared.body).toContain('data-testid="gift-outcomes"');
    const preparing = await reviewer.request({
      url: `/staff/benefits/gift-dispatch?municipality=${ITABASHI}&state=preparing`,
    });
    expect(preparing.body).toContain(`value="${giftId}"`);
    const shipped = await reviewer.request({
      method: 'POST',
      url: '/staff/benefits/gift-dispatch',
      form: {
        _csrf: formField(preparing.body, '_csrf'),
        municipality: ITABASHI,
        state: 'preparing',
        to: 'shipped',
        claimId: giftId,
      },
    });
    expect(shipped.body).toContain('1件を更新しました');

    const timeline = await parent.request({ url: `/benefits/claims/${giftId}` });
    expect(timeline.body).toContain('ギフトカード発送準備');
    expect(timeline.body).toContain('ギフトカード発送済');
    expect(timeline.body).toContain('専用サイトで登録');
    const list2 = await parent.request({ url: '/benefits/claims' });
    expect(list2.body).toContain('data-testid="gift-status">ギフトカード発送済<');
    expect(list2.body).not.toContain('振込日が決まるとお知らせします'); // a gift is not a transfer
    // Another municipality's staff see none of it.
    const setagaya = await staffBrowser('131121', ['benefits-reviewer', 'municipality-admin']);
    const other = await setagaya.request({ url: `/staff/benefits/gift-dispatch?state=shipped` });
    expect(other.body).not.toContain(giftId);
  });
});

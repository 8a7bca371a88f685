import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTransferFile } from '../src/modules/benefits/index.ts';
import { benefitParameters } from '../src/modules/benefits/rules/parameters.ts';
import { changeClaimStatus } from '../src/modules/benefits/use-cases/change-claim-status.ts';
import { makeParent, makeStaff, parentCookie, registerChild } from '../src/modules/identity/index.ts';
import type { TestContext } from '../src/platform/testing/test-app.ts';
import {
  type BrowserApp,
  chromiumAvailable,
  expectNoSeriousA11yViolations,
  SCREENSHOTS,
  signInStaff,
  startBrowserApp,
} from './browser.ts';

/** The 018 instalment a claim made today falls in: the first whose application deadline is not past. */
function currentInstalment(today: Temporal.PlainDate) {
  const fy = today.month >= 4 ? today.year : today.year - 1;
  const rules = benefitParameters.at('support018.instalments', Temporal.PlainDate.from({ year: fy, month: 4, day: 1 }))!
    .value as {
    no: number;
    deadline: { yearOffset: number; month: number; day: number };
    payment: { yearOffset: number; month: number };
  }[];
  const due = rules.find(
    (r) =>
      Temporal.PlainDate.compare(
        Temporal.PlainDate.from({ year: fy + r.deadline.yearOffset, month: r.deadline.month, day: r.deadline.day }),
        today,
      ) >= 0,
  )!;
  const transfer = Temporal.PlainDate.from({ year: fy + due.payment.yearOffset, month: due.payment.month, day: 10 });
  return { fiscalYear: fy, instalmentNo: due.no, transferDate: transfer.toString() };
}

describe.runIf(chromiumAvailable())('benefits in Chromium: birth → one application → approval → payment', () => {
  let app: BrowserApp;
  let t: TestContext;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    app = await startBrowserApp('benefits');
    ({ t, browser, baseUrl } = app);
  });
  afterAll(() => app?.close());

  async function signInParent(page: Page) {
    await page.click('[data-testid="sign-in-card"]');
    await page.waitForURL(/\/demo-card\/interaction\//);
    await page.check('input[value="demo-resident-0001"]');
    await page.click('button[value="login"]');
  }

  it('reports a birth, the parent confirms and applies once, staff approve and pay, the timeline shows each step', async () => {
    const today = Temporal.Now.plainDateISO('Asia/Tokyo');

    // Before: the parent has used Tsunagu once (the household exists; residence starts that day).
    const before = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'ja-JP' });
    const first = await before.newPage();
    await first.goto(`${baseUrl}/benefits`);
    await signInParent(first);
    await first.waitForURL(`${baseUrl}/benefits`);
    await before.close();
    const [row] = (
      await t.services.db.execute<{ household_id: string }>(
        sql`select household_id from parents where name = '板橋 葉子'`,
      )
    ).rows;
    const householdId = row!.household_id;

    // 1. The municipality enters the 出生届.
    const staff = await makeStaff(t.services, {
      municipalityCode: '131199',
      roles: ['benefits-reviewer', 'municipality-admin'],
    });
    const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    const office = await staffContext.newPage();
    await signInStaff(office, baseUrl, staff);
    await office.goto(`${baseUrl}/staff/benefits/births`);
    // Staff find the household by the guardian's name (own municipality), instead of typing its id.
    await office.fill('#field-searchName', '板橋 葉子');
    await office.click('[data-testid="search-household"]');
    await office.click(`[data-testid="choose-household"][href*="${householdId}"]`);
    await expect(office.inputValue('#field-householdId')).resolves.toBe(householdId);
    await office.fill('#field-childName', '板橋 ひなた');
    await office.fill('#field-childNameKana', 'いたばし ひなた');
    await office.fill('#field-birthDate', today.toString());
    await office.selectOption('#field-sex', 'female');
    await office.fill('#field-parent1Name', '板橋 葉子');
    await office.selectOption('#field-parent1Relationship', 'mother');
    await office.fill('#field-address', '東京都板橋区板橋二丁目66番1号');
    await office.click('[data-testid="submit-birth"]');
    await office.waitForURL(`${baseUrl}/staff/benefits/births?saved=1`);
    await expectNoSeriousA11yViolations(office);
    await office.screenshot({ path: `${SCREENSHOTS}/benefits-staff-birth-ja-1280.png`, fullPage: true });

    // 2. The parent, on a phone: sign in → confirm the child → apply for 018 + 赤ちゃんファースト → confirmation.
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'ja-JP' });
    const page = await context.newPage();
    const screens: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) screens.push(new URL(frame.url()).pathname);
    });
    await page.goto(`${baseUrl}/benefits`);
    await page.waitForURL(/\/sign-in\?next=%2Fbenefits$/);
    await expectNoSeriousA11yViolations(page);
    await signInParent(page);
    await page.waitForURL(`${baseUrl}/benefits`);
    await expect(page.locator('[data-testid="pending-births"]').textContent()).resolves.toContain('板橋 ひなた');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/benefits-birth-ja-360.png`, fullPage: true });
    await page.click('[data-testid="confirm-birth"]');
    await page.waitForURL(`${baseUrl}/benefits?done=birth-confirmed`);
    await expect(page.locator('[data-benefit="018support"]').first().textContent()).resolves.toContain('対象です');
    await expect(page.locator('[data-benefit="akachan-first"]').first().textContent()).resolves.toContain('100,000円');
    await page.check('#field-householdConfirmed');
    // The demo card authority holds this parent's 公金受取口座: chosen, nothing typed.
    await expect(page.locator('[data-testid="public-account"]').textContent()).resolves.toContain('****592');
    await page.check('#field-source');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/benefits-apply-ja-360.png`, fullPage: true });
    await page.click('[data-testid="benefits-next"]');
    await page.waitForURL(`${baseUrl}/benefits/confirm`);
    await expect(page.locator('[data-testid="paid-to"]').textContent()).resolves.toContain('公金受取口座');
    await expect(page.locator('[data-testid="paid-to"]').textContent()).resolves.toContain('ｲﾀﾊﾞｼ ﾖｳｺ');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/benefits-check-ja-360.png`, fullPage: true });
    await page.click('[data-testid="benefits-sign"]');
    await page.waitForURL(`${baseUrl}/benefits/claims?done=applied`);
    expect(await page.locator('[data-testid="claim"]').count()).toBe(2);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/benefits-claims-ja-360.png`, fullPage: true });
    // Screens the parent saw, sign-in page to confirmation (redirect hops without a page of their own excluded).
    const shown = screens.filter((p) => !p.startsWith('/sign-in/card'));
    // Counted: the sign-in page, the card authority, each page after it up to and including the confirmation.
    console.log(`benefits e2e: parent screens from sign-in to confirmation = ${shown.length}: ${shown.join(' → ')}`);
    expect(shown[0]).toBe('/sign-in');
    expect(shown.length).toBeLessThanOrEqual(10);

    // 3. Staff review and approve both claims, make the 全銀 file, and record the bank's result.
    await office.goto(`${baseUrl}/staff/benefits`);
    await office.locator('input[name="claimId"]').first().waitFor();
    for (const box of await office.locator('input[name="claimId"]').all()) await box.check();
    await office.click('button[value="start-review"]');
    await expect(office.locator('[data-testid="bulk-outcomes"]').textContent()).resolves.toContain('処理しました');
    // A second person decides (four eyes): the approver, who did not review these claims.
    const approver = await makeStaff(t.services, { municipalityCode: '131199', roles: ['benefits-approver'] });
    const approverContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    const approverPage = await approverContext.newPage();
    await signInStaff(approverPage, baseUrl, approver);
    await approverPage.goto(`${baseUrl}/staff/benefits?status=under-review`);
    for (const box of await approverPage.locator('input[name="claimId"]').all()) await box.check();
    await approverPage.click('[data-testid="bulk-approve"]');
    await expect(approverPage.locator('[data-testid="bulk-outcomes"]').textContent()).resolves.not.toContain(
      '処理しませんでした',
    );
    await expectNoSeriousA11yViolations(approverPage);
    await approverPage.screenshot({ path: `${SCREENSHOTS}/benefits-staff-queue-ja-1280.png`, fullPage: true });
    await approverContext.close();
    await office.goto(`${baseUrl}/staff/benefits`);

    const instalment = currentInstalment(today);
    await office.fill('#field-fiscalYear', String(instalment.fiscalYear));
    await office.fill('#field-instalmentNo', String(instalment.instalmentNo));
    await office.fill('#field-transferDate', instalment.transferDate);
    await office.click('[data-testid="generate-batch"]');
    await office.waitForLoadState();
    expect(
      await office.locator('.error-summary').count(),
      await office
        .locator('.error-summary')
        .allInnerTexts()
        .then((x) => x.join()),
    ).toBe(0);
    await office.waitForURL(/\/staff\/benefits\/payment-batches\/[0-9a-f-]{36}$/);
    const total = await office.locator('[data-testid="total-amount"]').textContent();
    const file = await office.request.get(`${office.url()}/file`);
    expect(file.ok()).toBe(true);
    const parsed = parseTransferFile(Buffer.from(await file.body()));
    expect(parsed.records).toHaveLength(1);
    expect(parsed.records[0]!.payeeName).toBe('ｲﾀﾊﾞｼ ﾖｳｺ');
    expect(parsed.records[0]!.bankCode).toBe('0001');
    expect(parsed.trailer.total).toBe(parsed.records[0]!.amount);
    expect(total).toBe(`${parsed.trailer.total.toLocaleString('ja-JP')}円`);
    await expectNoSeriousA11yViolations(office);
    await office.screenshot({ path: `${SCREENSHOTS}/benefits-staff-batch-ja-1280.png`, fullPage: true });
    await office.click('[data-testid="record-results"]');
    await office.waitForURL(/\?saved=1$/);

    // 3b. The 赤ちゃんファースト card: the office (treasury permission) puts every decided card of 板橋区 into the
    // mailing run, then marks the run mailed — in bulk, by municipality.
    await office.goto(`${baseUrl}/staff/benefits`);
    await office.click('[data-testid="gift-dispatch-link"]');
    await office.waitForURL(`${baseUrl}/staff/benefits/gift-dispatch`);
    expect(await office.locator('[data-testid="gift-dispatch-list"] tbody tr').count()).toBe(1);
    await office.click('[data-testid="gift-all"]');
    await expect(office.locator('[data-testid="gift-outcomes"]').textContent()).resolves.toContain('1件を更新しました');
    await office.goto(`${baseUrl}/staff/benefits/gift-dispatch?municipality=131199&state=preparing`);
    await office.click('[data-testid="gift-all"]');
    await expect(office.locator('[data-testid="gift-outcomes"]').textContent()).resolves.toContain('1件を更新しました');
    await office.goto(`${baseUrl}/staff/benefits/gift-dispatch?municipality=131199&state=shipped`);
    expect(await office.locator('[data-testid="gift-dispatch-list"] tbody tr').count()).toBe(1);
    await expectNoSeriousA11yViolations(office);
    await office.screenshot({ path: `${SCREENSHOTS}/benefits-staff-gift-dispatch-ja-1280.png`, fullPage: true });
    await staffContext.addCookies([{ name: 'lang', value: 'en', url: baseUrl }]);
    await office.reload();
    await office.screenshot({ path: `${SCREENSHOTS}/benefits-staff-gift-dispatch-en-1280.png`, fullPage: true });
    await staffContext.addCookies([{ name: 'lang', value: 'ja', url: baseUrl }]);

    // 4. The parent's timeline shows each step with its date, and what happens next.
    await page.goto(`${baseUrl}/benefits/claims`);
    await page.click('[data-benefit="018support"] a');
    await page.waitForURL(/\/benefits\/claims\/[0-9a-f-]{36}$/);
    const timeline = (await page.locator('[data-testid="timeline"]').textContent()) ?? '';
    for (const step of ['申請受付', '審査中', '支給決定', '振込予定', '振込済']) expect(timeline).toContain(step);
    await expect(page.locator('[data-testid="next-step"]').textContent()).resolves.toBeTruthy();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/benefits-timeline-ja-360.png`, fullPage: true });
    await page.goto(`${baseUrl}/benefits/claims`);
    await expect(
      page.locator('[data-benefit="akachan-first"] [data-testid="claim-status"]').textContent(),
    ).resolves.toBe('支給決定');
    await expect(
      page.locator('[data-benefit="akachan-first"] [data-testid="gift-status"]').textContent(),
    ).resolves.toBe('ギフトカード発送済');
    // The gift's timeline: the claim's steps, then the card's (prepared, mailed), and what to do with the card.
    await page.click('[data-benefit="akachan-first"] a');
    await page.waitForURL(/\/benefits\/claims\/[0-9a-f-]{36}$/);
    const giftTimeline = (await page.locator('[data-testid="timeline"]').textContent()) ?? '';
    for (const step of ['申請受付', '審査中', '支給決定', 'ギフトカード発送準備', 'ギフトカード発送済']) {
      expect(giftTimeline).toContain(step);
    }
    await expect(page.locator('[data-testid="next-step"]').textContent()).resolves.toContain('専用サイトで登録');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/benefits-gift-timeline-ja-360.png`, fullPage: true });
    await context.addCookies([{ name: 'lang', value: 'en', url: baseUrl }]);
    await page.reload();
    await page.screenshot({ path: `${SCREENSHOTS}/benefits-gift-timeline-en-360.png`, fullPage: true });
    await context.close();
    await staffContext.close();
  }, 180_000);

  it('the parent answers a fix request with a corrected account and withdraws the other claim', async () => {
    const today = Temporal.Now.plainDateISO('Asia/Tokyo');
    const { parent, actor } = await makeParent(t.services, { municipalityCode: '131199' });
    await registerChild(
      { services: t.services, actor },
      {
        name: '板橋 そら',
        nameKana: 'いたばし そら',
        birthDate: today.toString(),
        sex: 'male',
        relationship: 'mother',
      },
    );
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'ja-JP' });
    const cookie = await parentCookie(t.app, t.services, parent);
    await context.addCookies(Object.entries(cookie).map(([name, value]) => ({ name, value, url: baseUrl })));
    const page = await context.newPage();

    // Apply with a typed account (this parent has no 公金受取口座).
    await page.goto(`${baseUrl}/benefits`);
    await page.check('#field-householdConfirmed');
    await page.fill('#field-bankCode', '0001');
    await page.fill('#field-branchCode', '123');
    await page.fill('#field-accountNumber', '1234567');
    await page.fill('#field-holderKana', 'いたばし はなこ');
    await page.click('[data-testid="benefits-next"]');
    await page.waitForURL(`${baseUrl}/benefits/confirm`);
    await page.click('[data-testid="benefits-sign"]');
    await page.waitForURL(`${baseUrl}/benefits/claims?done=applied`);
    const href = async (code: string) =>
      (await page.locator(`[data-benefit="${code}"] a`).getAttribute('href'))!.split('/').at(-1)!;
    const support = await href('018support');

    // The municipality asks for a fix (a reviewer through the use cases; the console is covered above).
    const reviewer = await makeStaff(t.services, { municipalityCode: '131199', roles: ['benefits-reviewer'] });
    const clerk = {
      kind: 'staff',
      staffId: reviewer.staff.id,
      role: 'benefits-clerk',
      municipalityCode: '131199',
    } as const;
    await changeClaimStatus(t.services, { actor: clerk, claimId: support, to: 'under-review' });
    await changeClaimStatus(t.services, {
      actor: clerk,
      claimId: support,
      to: 'needs-fix',
      reason: '口座番号が通帳と違います。確認してください。',
    });

    // The parent reads the reason on the claim, opens the form, corrects the number and resubmits.
    await page.goto(`${baseUrl}/benefits/claims/${support}`);
    await expect(page.locator('[data-testid="fix-reason"]').textContent()).resolves.toContain(
      '口座番号が通帳と違います',
    );
    await page.click('[data-testid="resubmit-link"]');
    await page.waitForURL(`${baseUrl}/benefits/claims/${support}/resubmit`);
    await expect(page.locator('[data-testid="current-account"]').textContent()).resolves.toContain('****567');
    // The same page in English (the Japanese screenshots have no CJK font on this machine to read them by).
    await context.addCookies([{ name: 'lang', value: 'en', url: baseUrl }]);
    await page.reload();
    await expect(page.locator('h1').textContent()).resolves.toBe('Correct and resubmit');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/benefits-resubmit-en-360.png`, fullPage: true });
    await context.addCookies([{ name: 'lang', value: 'ja', url: baseUrl }]);
    await page.reload();
    await page.check('[data-testid="manual-account"]');
    await page.fill('#field-bankCode', '0001');
    await page.fill('#field-branchCode', '123');
    await page.fill('#field-accountNumber', '1234576');
    await page.fill('#field-holderKana', 'いたばし はなこ');
    await page.fill('#field-note', '口座番号の末尾2桁を直しました');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/benefits-resubmit-ja-360.png`, fullPage: true });
    await page.click('[data-testid="resubmit"]');
    await page.waitForURL(`${baseUrl}/benefits/claims/${support}?done=resubmitted`);
    await expect(page.locator('[data-testid="claim-status"]').textContent()).resolves.toBe('再提出');
    const timeline = (await page.locator('[data-testid="timeline"]').textContent()) ?? '';
    for (const step of ['申請受付', '審査中', '要修正', '再提出']) expect(timeline).toContain(step);
    await page.screenshot({ path: `${SCREENSHOTS}/benefits-resubmitted-ja-360.png`, fullPage: true });

    // The 赤ちゃんファースト claim, not yet decided, is withdrawn after a confirmation.
    await page.goto(`${baseUrl}/benefits/claims`);
    await page.click('[data-benefit="akachan-first"] a');
    await page.click('[data-testid="withdraw-link"]');
    await page.waitForURL(/\/withdraw$/);
    await page.click('[data-testid="withdraw-confirm"]'); // box not ticked: asked again
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('チェックを入れてください');
    await page.check('#field-confirm');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/benefits-withdraw-ja-360.png`, fullPage: true });
    await context.addCookies([{ name: 'lang', value: 'en', url: baseUrl }]);
    await page.reload();
    await page.screenshot({ path: `${SCREENSHOTS}/benefits-withdraw-en-360.png`, fullPage: true });
    await context.addCookies([{ name: 'lang', value: 'ja', url: baseUrl }]);
    await page.reload();
    await page.check('#field-confirm');
    await page.click('[data-testid="withdraw-confirm"]');
    await page.waitForURL(/\?done=withdrawn$/);
    await expect(page.locator('[data-testid="claim-status"]').textContent()).resolves.toBe('取下げ');

    // Each change went to notify through claim.status-changed.
    const sent = await t.services.db.execute<{ to: string }>(
      sql`select payload->>'to' as "to" from outbox_events where type = 'claim.status-changed'
          and payload->>'parentId' = ${parent.id} order by id`,
    );
    expect(sent.rows.map((r) => r.to)).toEqual(expect.arrayContaining(['needs-fix', 'resubmitted', 'withdrawn']));
    await context.close();
  }, 120_000);
});

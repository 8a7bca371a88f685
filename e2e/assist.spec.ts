import { eq, sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { japanesePdf } from '../src/modules/assist/testing/japanese-pdf.ts';
import { makeStaff } from '../src/modules/identity/index.ts';
import { importRegistry, rawRecord } from '../src/modules/registry/index.ts';
import { registryProgramVersions } from '../src/modules/registry/registry.tables.ts';
import { SYSTEM_ACTOR } from '../src/platform/access/actor.ts';
import {
  type BrowserApp,
  chromiumAvailable,
  expectNoSeriousA11yViolations,
  SCREENSHOTS,
  signInStaff,
  startBrowserApp,
} from './browser.ts';

const PAGE = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>乳児おむつ支援｜板橋区</title></head>
<body><main><h1>乳児おむつ支援</h1>
<p>区内在住の子育て家庭に、紙おむつを毎月お届けします。</p>
<h2>対象</h2><p>生後２か月から１歳６か月までのお子さんがいる世帯</p>
<h2>申請期間</h2><p>令和7年4月1日（火）から令和8年3月31日（火）まで</p>
<h2>お問い合わせ</h2><p>子育て支援課 電話：03-3579-2000</p></main></body></html>`;

describe.runIf(chromiumAvailable())('assist in Chromium: page → proposal → review; hand-out → parent', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp('assist');
    await importRegistry(app.t.services, {
      records: [rawRecord({ psid: 'e2e+131199+assist', areaCode: '131199', name: '乳児おむつ支援', months: [0, 11] })],
      source: 'e2e',
      actor: SYSTEM_ACTOR,
    });
  });
  afterAll(() => app?.close());

  it('staff upload a municipal page, see the diff with evidence, accept two fields, and the record enters review', async () => {
    const { browser, baseUrl, t } = app;
    const editor = await makeStaff(t.services, { municipalityCode: '131199', roles: ['registry-editor'] });
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'ja-JP' });
    const page = await context.newPage();
    await signInStaff(page, baseUrl, editor);

    await page.goto(`${baseUrl}/staff/assist`);
    await page.click('[data-testid=assist-programs] a:has-text("更新提案を作る")');
    await page.waitForURL(/\/proposals\/new$/);
    await expectNoSeriousA11yViolations(page);
    await page.setInputFiles('#assist-file', { name: 'omutsu.html', mimeType: 'text/html', buffer: Buffer.from(PAGE) });
    await Promise.all([page.waitForURL(/\/staff\/assist\/proposals\/[0-9a-f-]+$/), page.click('button[type=submit]')]);

    const age = page.locator('fieldset[data-field=ageMonths]');
    expect(await age.locator('mark').textContent()).toBe('生後２か月から１歳６か月まで');
    expect(await age.locator('ins').textContent()).toContain('2か月');
    expect(await page.locator('fieldset[data-field=procedurePeriod] mark').textContent()).toContain('令和7年4月1日');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/assist-proposal-ja-360.png`, fullPage: true });

    await page.check('#decision-ageMonths-accept');
    await page.check('#decision-procedurePeriod-accept');
    await Promise.all([
      page.waitForURL(/\/staff\/registry\/programs\/[0-9a-f-]+\?done=submitted$/),
      page.click('button:has-text("採用した項目を下書きにして確認へ回す")'),
    ]);
    await page.screenshot({ path: `${SCREENSHOTS}/assist-in-review-ja-360.png`, fullPage: true });
    const [version] = await t.services.db
      .select()
      .from(registryProgramVersions)
      .where(eq(registryProgramVersions.version, 2));
    expect(version?.status).toBe('in_review');
    expect(version?.data.ageMonths).toMatchObject({ min: 2, max: 19 });
    expect(version?.data.procedurePeriod).toMatchObject({ from: '2025-04-01', to: '2026-03-31' });
    expect(version?.data.summary).not.toBe('区内在住の子育て家庭に、紙おむつを毎月お届けします。');
    await context.close();
  });

  it("staff list a program's proposals, draft notices, edit and approve them into a notify template", async () => {
    const { browser, baseUrl, t } = app;
    const sender = await makeStaff(t.services, {
      municipalityCode: '131199',
      roles: ['registry-editor', 'notice-sender'],
    });
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'ja-JP' });
    const page = await context.newPage();
    await signInStaff(page, baseUrl, sender);

    await page.goto(`${baseUrl}/staff/assist`);
    await page.click('[data-testid=assist-programs] a:has-text("提案の一覧")');
    await page.waitForURL(/\/programs\/[0-9a-f-]+\/proposals$/);
    // The proposal the first test applied is listed with its status and links to its diff.
    const rows = page.locator('[data-testid=assist-proposals] tbody tr');
    expect(await rows.first().textContent()).toContain('確認に回しました');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/assist-proposal-list-ja-360.png`, fullPage: true });

    await Promise.all([
      page.waitForURL(/\/staff\/assist\/message-drafts\/[0-9a-f-]+$/),
      page.click('button:has-text("お知らせ文案を作る")'),
    ]);
    expect(await page.inputValue('#draft-easy-ja-pushTitle')).toBe('「乳児おむつ支援」の おしらせ');
    // The field's maxlength stops a browser from typing more; the server checks anyway (a form can be forged).
    await page.evaluate(() => document.querySelector('#draft-ja-pushTitle')?.removeAttribute('maxlength'));
    await page.fill('#draft-ja-pushTitle', 'あ'.repeat(41));
    await page.click('button:has-text("文案を保存")');
    expect(await page.locator('.error-summary').textContent()).toContain('body.texts.ja.pushTitle');
    await page.fill('#draft-ja-pushTitle', 'おむつ支援が始まります');
    await Promise.all([page.waitForURL(/saved=1$/), page.click('button:has-text("文案を保存")')]);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/assist-draft-edit-ja-360.png`, fullPage: true });

    await page.click('button:has-text("承認して通知テンプレートにする")');
    await page.waitForSelector('[data-testid=draft-template]');
    expect(await page.locator('[data-testid=draft-status]').textContent()).toBe('承認済み');
    const shown = await page.locator('[data-testid=draft-template]').textContent();
    const version = Number(/第(\d+)版/.exec(shown ?? '')?.[1]);
    const saved = await t.services.db.execute<{ title_ja: string }>(
      sql`select title_ja from notify_templates where key = 'program-announcement' and version = ${version}`,
    );
    expect(saved.rows[0]?.title_ja).toBe('おむつ支援が始まります');

    // The approved texts become an announcement draft in notify (a second staff member approves it there).
    await Promise.all([page.waitForURL(/announced=\d+$/), page.click('button:has-text("お知らせ案を作る")')]);
    expect(await page.locator('[data-testid=draft-announced]').textContent()).toContain('お知らせ案を作成しました');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/assist-draft-approved-ja-360.png`, fullPage: true });

    await page.goto(`${baseUrl}/staff/assist/message-drafts`);
    expect(await page.locator('[data-testid=assist-drafts]').textContent()).toContain(
      `program-announcement v${version}`,
    );
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/assist-draft-list-ja-360.png`, fullPage: true });
    await context.close();
  });

  it('a parent sees the uploaded hand-out for their week of pregnancy', async () => {
    const { browser, baseUrl, t } = app;
    const editor = await makeStaff(t.services, { municipalityCode: '131199', roles: ['registry-editor'] });
    const staffContext = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'ja-JP' });
    const staffPage = await staffContext.newPage();
    await signInStaff(staffPage, baseUrl, editor);
    const upload = async (name: string, lines: string[]) => {
      await staffPage.goto(`${baseUrl}/staff/assist/handouts`);
      await staffPage.setInputFiles('#handout-file', {
        name,
        mimeType: 'application/pdf',
        buffer: Buffer.from(japanesePdf([lines])),
      });
      await Promise.all([staffPage.waitForURL(/done=uploaded$/), staffPage.click('button:has-text("アップロード")')]);
    };
    await upload('mid.pdf', ['妊娠中期の過ごし方', '妊娠16週から27週の方へ', '貧血予防と歯科健診のご案内']);
    await upload('late.pdf', ['出産準備のご案内', '妊娠32週以降の方へ', '入院の準備']);
    expect(await staffPage.locator('[data-testid=staff-handouts]').textContent()).toContain('妊娠中期の過ごし方');
    await expectNoSeriousA11yViolations(staffPage);
    await staffPage.screenshot({ path: `${SCREENSHOTS}/assist-handouts-staff-ja-360.png`, fullPage: true });
    await staffContext.close();

    // The parent (板橋区) is 18 weeks pregnant: due in 154 days (280 − 154 = 126 days = 18 weeks).
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/household`);
    await page.click('[data-testid="sign-in-card"]');
    await page.waitForURL(/\/demo-card\/interaction\//);
    await page.check('input[value="demo-resident-0001"]');
    await page.click('button[value="login"]');
    await page.waitForURL(`${baseUrl}/household`);
    const due = Temporal.Now.plainDateISO('Asia/Tokyo').add({ days: 154 }).toString();
    await page.click('summary:has-text("妊娠")');
    await page.fill('[data-testid=add-pregnancy-form] input[name=expectedDeliveryDate]', due);
    await Promise.all([page.waitForURL(/\/household/), page.click('[data-testid=add-pregnancy-form] button')]);

    await page.goto(`${baseUrl}/handouts`);
    expect(await page.locator('[data-testid=handouts-for]').textContent()).toContain('妊娠18週');
    const list = await page.locator('[data-testid=parent-handouts]').textContent();
    expect(list).toContain('妊娠中期の過ごし方');
    expect(list).not.toContain('出産準備のご案内');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/assist-handouts-parent-ja-360.png`, fullPage: true });

    // Full-text search reaches the other hand-out by a word inside it.
    await page.fill('#handouts-q', '入院');
    await Promise.all([page.waitForURL(/q=/), page.click('button:has-text("検索")')]);
    expect(await page.locator('[data-testid=parent-handouts]').textContent()).toContain('出産準備のご案内');
    await context.close();
  });
});

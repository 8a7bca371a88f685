// The app's module graph first: notify's demo seed imports identity, whose index leads back to every module.
import '../src/app.ts';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { makeStaff } from '../src/modules/identity/index.ts';
import { seedDemoFamily } from '../src/modules/notify/demo/seed-demo-notify.ts';
import { type LocalLineServer, startLocalLineServer } from '../src/modules/notify/local-servers/local-line-server.ts';
import { demoLineUserId } from '../src/modules/notify/use-cases/link-line-account.ts';
import { createTestApp, type TestContext } from '../src/platform/testing/test-app.ts';
import {
  chromiumAvailable,
  expectNoSeriousA11yViolations,
  freePort,
  launchChromium,
  SCREENSHOTS,
  signInStaff,
} from './browser.ts';

// The "Done when": the demo parent with a 3-month-old in 江戸川区 receives the month's digest in the inbox and
// through the local LINE server, opens 「なぜこのお知らせ？」 and unsubscribes from a category.

describe.runIf(chromiumAvailable())('notify in Chromium: monthly digest → inbox + LINE → why → unsubscribe', () => {
  let t: TestContext;
  let line: LocalLineServer;
  let browser: Browser;
  let baseUrl: string;
  let dataDir: string;
  let workers: Promise<void> | undefined;
  const startWorkersOnce = () => {
    workers ??= t.startWorkers();
    return workers;
  };

  beforeAll(async () => {
    line = await startLocalLineServer();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    dataDir = await mkdtemp(join(tmpdir(), 'tsunagu-e2e-notify-'));
    // Noon in Tokyo today, so quiet hours (21:00–08:00) do not hold the LINE message whatever time the test runs.
    const noon = new Date(`${Temporal.Now.plainDateISO('Asia/Tokyo')}T12:00:00+09:00`);
    const notify = {
      ...loadConfig({}).notify,
      lineApiBaseUrl: line.url,
      lineAccessBaseUrl: line.url,
      smtpUrl: undefined,
    };
    t = await createTestApp({ config: { port, baseUrl, dataDir, notify }, now: () => noon });
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await line?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers the digest to the inbox and LINE, explains it, and unsubscribes from the category', async () => {
    const { parent, planned } = await seedDemoFamily(t.services);
    expect(planned).toBe(1);
    await startWorkersOnce();

    // Through the local LINE server: the demo LINE user got the digest once.
    const userId = demoLineUserId(parent.id);
    const until = Date.now() + 30_000;
    while (line.received(userId).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    const onLine = line.received(userId);
    expect(onLine).toHaveLength(1);
    expect(onLine[0]!.text).toContain('江戸川 ひなた');
    expect(onLine[0]!.text).toContain('3〜6か月児健診');

    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'ja-JP' });
    const phone = await context.newPage();
    await phone.goto(`${line.url}/?user=${userId}`);
    await phone.screenshot({ path: `${SCREENSHOTS}/notify-line-phone-ja-360.png`, fullPage: true });

    // The inbox, after signing in with the demo card.
    const page = await context.newPage();
    await page.goto(`${baseUrl}/notify`);
    await page.waitForURL(/\/sign-in\?next=%2Fnotify$/);
    await page.click('[data-testid="sign-in-card"]');
    await page.waitForURL(/\/demo-card\/interaction\//);
    await page.check('input[value="demo-resident-0006"]');
    await page.click('button[value="login"]');
    await page.waitForURL(`${baseUrl}/notify`);
    const items = page.locator('[data-testid="inbox-item"]');
    expect(await items.count()).toBe(1);
    await expect(items.first().textContent()).resolves.toContain('江戸川 ひなたさん向けのお知らせ');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/notify-inbox-ja-360.png`, fullPage: true });

    // The message and 「なぜこのお知らせ？」.
    await items.first().locator('a').click();
    await page.waitForURL(/\/notify\/messages\//);
    await page.click('[data-testid="why"] summary');
    await expect(page.locator('[data-testid="why-age"]').textContent()).resolves.toContain('0歳3か月');
    await expect(page.locator('[data-testid="why-programs"]').textContent()).resolves.toContain('3〜6か月児健診');
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/notify-why-ja-360.png`, fullPage: true });

    // One-click unsubscribe from the message's category (制度のご案内), confirmed on the page.
    await page.click('[data-testid="unsubscribe-link"]');
    await page.waitForURL(/\/notify\/unsubscribe\//);
    await expectNoSeriousA11yViolations(page);
    await page.click('button[type="submit"]');
    await expect(page.locator('[data-testid="unsubscribed"]').textContent()).resolves.toContain('制度のご案内');
    await page.screenshot({ path: `${SCREENSHOTS}/notify-unsubscribed-ja-360.png`, fullPage: true });
    const prefs = await t.services.db.execute<{ unsubscribed_categories: string[] }>(
      sql`select unsubscribed_categories from notify_preferences where parent_id = ${parent.id}`,
    );
    expect(prefs.rows[0]?.unsubscribed_categories).toEqual(['programs']);

    // The settings page shows the category off.
    await page.goto(`${baseUrl}/notify/preferences`);
    expect(await page.isChecked('#category-programs')).toBe(false);
    expect(await page.isChecked('#category-health')).toBe(true);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/notify-preferences-ja-360.png`, fullPage: true });
    await context.close();
  }, 120_000);

  it('staff announcement: create with a recipient preview, a colleague approves, it is sent, the report shows it', async () => {
    const { parent } = await seedDemoFamily(t.services);
    await startWorkersOnce();
    const author = await makeStaff(t.services, { municipalityCode: '131237', roles: ['notice-sender'] });
    const colleague = await makeStaff(t.services, { municipalityCode: '131237', roles: ['notice-sender'] });

    const authorContext = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'ja-JP' });
    const page = await authorContext.newPage();
    // The app's clock is noon in Tokyo (see beforeAll): the TOTP code is checked against it.
    await signInStaff(page, baseUrl, author, { from: '/staff/notify/announcements', now: t.services.now() });
    await page.goto(`${baseUrl}/staff/notify/announcements/new`);
    // Children under one year in 江戸川区 (the demo family's 3-month-old among them); send time already reached.
    await page.fill('#field-ageMinMonths', '0');
    await page.fill('#field-ageMaxMonths', '12');
    await page.click('button[value="preview"]');
    const preview = await page.locator('[data-testid="preview-count"]').textContent();
    expect(Number(/対象は ([\d,]+) 人/.exec(preview ?? '')?.[1]?.replace(',', ''))).toBeGreaterThanOrEqual(1);
    await page.fill('#field-titleJa', '乳児向け教室のご案内');
    await page.fill('#field-bodyJa', '12月20日に区民センターで乳児向けの教室を開きます。');
    await page.fill('#field-titleEn', 'Baby class');
    await page.fill('#field-bodyEn', 'A class for babies at the community centre on 20 December.');
    await page.fill('#field-sendAt', `${Temporal.Now.plainDateISO('Asia/Tokyo')}T00:00`);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/notify-announcement-form-ja-360.png`, fullPage: true });
    await Promise.all([
      page.waitForURL(/\/staff\/notify\/announcements\/[0-9a-f-]+\?done=created/),
      page.click('button[value="create"]'),
    ]);
    const detailUrl = page.url().split('?')[0]!;
    await expect(page.locator('[data-testid="announcement-status"]').textContent()).resolves.toBe('承認待ち');
    // The author sees no approve button (four-eyes).
    expect(await page.locator('form[action$="/approve"]').count()).toBe(0);
    await authorContext.close();

    const colleagueContext = await browser.newContext({ viewport: { width: 1024, height: 900 }, locale: 'ja-JP' });
    const review = await colleagueContext.newPage();
    await signInStaff(review, baseUrl, colleague, { from: '/staff/notify/announcements', now: t.services.now() });
    await review.goto(`${baseUrl}/staff/notify/announcements`);
    await expect(review.locator('[data-testid="announcements"]').textContent()).resolves.toContain(
      '乳児向け教室のご案内',
    );
    await review.goto(detailUrl);
    await Promise.all([review.waitForURL(/done=approved/), review.click('form[action$="/approve"] button')]);

    // The queued send runs at its send time (already passed): the demo parent gets it in the inbox and on LINE.
    const userId = demoLineUserId(parent.id);
    const until = Date.now() + 30_000;
    const onLine = () => line.received(userId).filter((m) => m.text.includes('乳児向け教室のご案内'));
    while (onLine().length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect(onLine()).toHaveLength(1);
    // The LINE text carries the tracked link; following it counts a LINE open once.
    const link = /https?:\/\/\S+\/notify\/open\/[0-9a-f-]+/.exec(onLine()[0]!.text)?.[0];
    expect(link).toBeDefined();
    const followed = await fetch(link!, { redirect: 'manual' });
    expect(followed.status).toBe(303);

    await review.goto(detailUrl);
    await expect(review.locator('[data-testid="announcement-status"]').textContent()).resolves.toBe('送信済み');
    const lineRow = await review.locator('tr[data-channel="line"] td').allTextContents();
    expect(lineRow).toEqual(['line', '1', '1', '1', '0', '1']);
    expect(await review.locator('[data-testid="announcement-chart"]').count()).toBe(1);
    await expectNoSeriousA11yViolations(review);
    await review.screenshot({ path: `${SCREENSHOTS}/notify-announcement-report-ja-1024.png`, fullPage: true });
    await review.goto(`${baseUrl}/staff/notify/announcements`);
    await review.screenshot({ path: `${SCREENSHOTS}/notify-announcements-list-ja-1024.png`, fullPage: true });
    await colleagueContext.close();
  }, 120_000);
});

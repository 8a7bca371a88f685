import type { Browser } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/modules/identity/staff/totp.ts';
import { makeStaff } from '../src/modules/identity/testing/identity-factories.ts';
import type { TestContext } from '../src/platform/testing/test-app.ts';
import {
  type BrowserApp,
  chromiumAvailable,
  expectNoSeriousA11yViolations,
  SCREENSHOTS,
  startBrowserApp,
} from './browser.ts';

describe.runIf(chromiumAvailable())('identity in Chromium', () => {
  let app: BrowserApp;
  let t: TestContext;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    app = await startBrowserApp('identity');
    ({ t, browser, baseUrl } = app);
  });
  afterAll(() => app?.close());

  it('a demo parent signs in through the demo card authority, adds a child and a pregnancy, and signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/household`);
    await page.waitForURL(/\/sign-in\?next=%2Fhousehold$/);
    await page.click('[data-testid="sign-in-card"]');

    await page.waitForURL(/\/demo-card\/interaction\//);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/demo-card-ja-360.png`, fullPage: true });
    await page.check('input[value="demo-resident-0002"]');
    await page.click('button[value="login"]');

    await page.waitForURL(`${baseUrl}/household`);
    await expect(page.locator('[data-testid="guardian"]').textContent()).resolves.toContain('足立 健太');

    await page.click('text=お子さんを追加');
    await page.fill('#field-name', '足立 さくら');
    await page.fill('#field-nameKana', 'あだち さくら');
    await page.fill('#field-birthDate', '2024-03-15');
    await page.selectOption('#field-sex', 'female');
    await page.selectOption('#field-relationship', 'father');
    await page.click('[data-testid="add-child-form"] button[type="submit"]');
    await page.waitForURL(`${baseUrl}/household?done=added`);
    await expect(page.locator('[data-testid="child"]').textContent()).resolves.toContain('足立 さくら');

    const due = Temporal.Now.plainDateISO('Asia/Tokyo').add({ days: 120 }).toString();
    await page.click('text=妊娠を登録');
    await page.fill('#field-expectedDeliveryDate', due);
    await page.click('[data-testid="add-pregnancy-form"] button[type="submit"]');
    await page.waitForURL(`${baseUrl}/household?done=added`);
    await expect(page.locator('[data-testid="pregnancy"]').textContent()).resolves.toContain(due);

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/household-ja-360.png`, fullPage: true });

    await page.goto(`${baseUrl}/access-log`);
    await expect(page.locator('[data-testid="access-log"]').textContent()).resolves.toContain('お子さんを登録');

    await page.goto(`${baseUrl}/household`);
    await page.click('[data-testid="sign-out"]');
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}/household`);
    await page.waitForURL(/\/sign-in/);
    await context.close();
  });

  it('a staff member signs in with password and TOTP', async () => {
    const staff = await makeStaff(t.services, { municipalityCode: '131211', roles: ['municipality-admin'] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/staff`);
    await page.waitForURL(`${baseUrl}/staff/sign-in`);
    await page.fill('#field-email', staff.email);
    await page.fill('#field-password', 'a wrong password');
    await page.click('button[type="submit"]');
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('wrong');

    await page.fill('#field-email', staff.email);
    await page.fill('#field-password', staff.password);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${baseUrl}/staff/sign-in/totp`);
    await page.fill('#field-code', totpCode(staff.totpSecret, new Date()));
    await page.click('button[type="submit"]');

    await page.waitForURL(`${baseUrl}/staff`);
    await expect(page.locator('[data-testid="staff-municipality"]').textContent()).resolves.toBe('Adachi City');
    await page.click('text=Manage staff accounts');
    await page.waitForURL(`${baseUrl}/staff/users`);
    await expect(page.locator('table').textContent()).resolves.toContain(staff.email);
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/staff-users-en-1280.png`, fullPage: true });
    await context.close();
  });
});

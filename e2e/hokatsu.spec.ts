import { mkdir } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoNurseries } from '../src/modules/hokatsu/use-cases/seed-demo-nurseries.ts';
import { createTestApp, type TestContext } from '../src/platform/testing/test-app.ts';
import { chromiumAvailable, launchChromium } from './browser.ts';

const SCREENSHOTS = 'test-results/screenshots';

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function noSideScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

describe.runIf(chromiumAvailable())('nursery one-stop in Chromium (phone)', () => {
  let t: TestContext;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoNurseries(t.services);
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const lang of ['ja', 'en'] as const) {
    it(`search → detail → simulate the index, compared with last round's minimum (${lang})`, async () => {
      const context = await browser.newContext({
        viewport: { width: 360, height: 780 },
        locale: lang === 'ja' ? 'ja-JP' : 'en-US',
      });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/lang/${lang}?next=/hokatsu/nurseries`);

      // Search: 八王子市, age 1 class, only nurseries with places.
      await page.selectOption('#s-municipality', '132012');
      await page.selectOption('#s-age', '1');
      await page.check('input[name="vacancies"]');
      await Promise.all([page.waitForURL(/\/hokatsu\/nurseries\?/), page.click('main form button[type="submit"]')]);
      const names = await page.locator('.result-card h3 a').allTextContents();
      expect(names.length).toBeGreaterThan(0);
      await noSideScroll(page);
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/hokatsu-search-${lang}-360.png`, fullPage: true });

      // Detail: vacancies and the last round's minimum index.
      await Promise.all([
        page.waitForURL(/\/hokatsu\/nurseries\/[0-9a-f-]+/),
        page.locator('.result-card h3 a').first().click(),
      ]);
      await page.locator('[data-testid="minimum-index"]').waitFor();
      await noSideScroll(page);
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/hokatsu-nursery-${lang}-360.png`, fullPage: true });

      // Simulation: the nursery's municipality is chosen; one question per screen.
      await Promise.all([
        page.waitForURL(/\/hokatsu\/simulate/),
        page.locator('main a.button[href^="/hokatsu/simulate"]').click(),
      ]);
      await page.check('input[name="answer"][value="work"]');
      await page.click('button[type="submit"]');
      await page.fill('input[name="hoursPerWeek"]', '40');
      expect(await axe(page)).toEqual([]);
      await page.click('button[type="submit"]');
      await page.check('input[name="answer"][value="work"]');
      await page.click('button[type="submit"]');
      await page.fill('input[name="hoursPerWeek"]', '36');
      await page.click('button[type="submit"]');

      await expect(page.locator('[data-testid="index-total"]').textContent()).resolves.toMatch(/^19 /);
      const comparison = page.locator('[data-testid="comparison"] tbody tr');
      expect(await comparison.count()).toBe(1);
      await noSideScroll(page);
      expect(await axe(page)).toEqual([]);
      await page.screenshot({ path: `${SCREENSHOTS}/hokatsu-simulation-${lang}-360.png`, fullPage: true });
      await context.close();
    });
  }

  it('the simulation works with JavaScript turned off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/hokatsu/simulate`);
    await page.check('input[name="answer"][value="131237/2025"]');
    await page.click('button[type="submit"]');
    await page.check('input[name="answer"][value="work"]');
    await page.click('button[type="submit"]');
    await page.fill('input[name="daysPerMonth"]', '20');
    await page.fill('input[name="hoursPerDay"]', '7');
    await page.click('button[type="submit"]');
    await page.check('input[name="answer"][value="absent"]');
    await page.click('button[type="submit"]');
    await page.check('input[name="answer"][value="single-parent-no-grandparents"]');
    await page.click('button[type="submit"]');
    await expect(page.locator('[data-testid="index-total"]').textContent()).resolves.toMatch(/^110 /);
    await context.close();
  });
});

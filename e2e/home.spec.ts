import { mkdir } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../src/platform/testing/test-app.ts';
import { chromiumAvailable, launchChromium } from './browser.ts';

const SCREENSHOTS = 'test-results/screenshots';

describe.runIf(chromiumAvailable())('home page in Chromium', () => {
  let t: TestContext;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const lang of ['ja', 'en'] as const) {
    it(`presents the four services and the portals in ${lang}, with no serious accessibility violations`, async () => {
      const context = await browser.newContext({
        viewport: { width: 360, height: 780 },
        locale: lang === 'ja' ? 'ja-JP' : 'en-US',
      });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/lang/${lang}?next=/`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.locator('[data-service]').count()).toBe(4);
      expect(await page.locator('[data-portal]').count()).toBe(4);
      expect(await page.getAttribute('[data-service=registry] a', 'href')).toBe('/programs');
      expect(await page.getAttribute('[data-service=hokatsu] a', 'href')).toBe('/hokatsu/nurseries');
      expect(await page.getAttribute('[data-portal=parents] a', 'href')).toBe('/sign-in');
      expect(await page.getAttribute('[data-portal=staff] a', 'href')).toBe('/staff/sign-in');
      await expect(page.locator('main h1').textContent()).resolves.toBe(lang === 'ja' ? 'つなぐ' : 'Tsunagu');

      // 360 px wide phones: nothing may scroll sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      // The skip link is the first thing a keyboard reaches, and it leads to main.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main');

      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

      await page.screenshot({ path: `${SCREENSHOTS}/home-${lang}-360.png`, fullPage: true });
      await context.close();
    });
  }

  it('switches language from the header link and keeps the choice', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    await page.click('.lang-switch');
    await page.waitForURL(`${baseUrl}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.goto(`${baseUrl}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SCREENSHOTS}/home-en-1280.png`, fullPage: true });
    await context.close();
  });

  it('leads from the cards to the services', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await Promise.all([page.waitForURL(`${baseUrl}/programs`), page.click('[data-service=registry] a')]);
    await page.goto(`${baseUrl}/`);
    await Promise.all([page.waitForURL(`${baseUrl}/staff/sign-in`), page.click('[data-portal=staff] a')]);
    await context.close();
  });

  it('serves the API documentation at /docs', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/docs`);
    await page.waitForSelector('text=Tsunagu API', { timeout: 15_000 });
    await page.getByText('/api/v1/municipalities/{code}').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/docs.png` });
    await context.close();
  });
});

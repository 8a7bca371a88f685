import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRecord } from '../src/modules/registry/registry.factories.ts';
import { importRegistry } from '../src/modules/registry/use-cases/import-registry.ts';
import { SYSTEM_ACTOR } from '../src/platform/access/actor.ts';
import { createTestApp, type TestContext } from '../src/platform/testing/test-app.ts';

let t: TestContext;
let browser: Browser;
let base: string;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-06-01T03:00:00Z') });
  await importRegistry(t.services, {
    records: [
      rawRecord({
        psid: 'e2e+131199+1',
        areaCode: '131199',
        name: '板橋区の乳児健診',
        months: [6, 9],
        procedureTo: '2026-09-30',
      }),
      rawRecord({ psid: 'e2e+130001+1', areaCode: '130001', name: '都の子育て応援', months: [0, 35] }),
      rawRecord({ psid: 'e2e+131016+1', areaCode: '131016', name: '千代田区の制度', months: [0, 35] }),
    ],
    source: 'e2e',
    actor: SYSTEM_ACTOR,
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('parent search 「制度をさがす」 in Chromium', () => {
  it('finds programs by municipality and age without JavaScript, with reasons and deadlines', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${base}/programs`);
    await page.selectOption('#municipality', '131199');
    await page.selectOption('#years', '0');
    await page.selectOption('#months', '8');
    await Promise.all([page.waitForURL(/municipality=131199/), page.click('button[type=submit]')]);

    const cards = page.locator('[data-testid=program-results] > li');
    await expect.poll(() => cards.count()).toBe(2);
    const text = await page.locator('[data-testid=program-results]').textContent();
    expect(text).toContain('板橋区の乳児健診');
    expect(text).toContain('都の子育て応援');
    expect(text).not.toContain('千代田区の制度');
    expect(text).toContain('対象年齢（6か月〜9か月）に 8か月 が含まれます');
    expect(text).toContain('申請期限: 2026年9月30日');
    // The form keeps what was chosen.
    expect(await page.locator('#municipality').inputValue()).toBe('131199');

    await context.close();
  });

  it('has no serious accessibility violations on the result page', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${base}/programs?municipality=131199&years=0&months=8`);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')).toEqual([]);
    await context.close();
  });

  it('shows the page in English', async () => {
    const context = await browser.newContext({ locale: 'en-US', extraHTTPHeaders: { 'accept-language': 'en' } });
    const page = await context.newPage();
    await page.goto(`${base}/programs?municipality=131199&years=0&months=8`);
    expect(await page.locator('h1').textContent()).toBe('Find support programs');
    expect(await page.locator('[data-testid=program-results]').textContent()).toContain('Apply by 2026-09-30');
    await context.close();
  });
});

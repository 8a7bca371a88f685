import { mkdir } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStaff } from '../src/modules/identity/index.ts';
import { rawRecord } from '../src/modules/registry/registry.factories.ts';
import { importRegistry } from '../src/modules/registry/use-cases/import-registry.ts';
import { SYSTEM_ACTOR } from '../src/platform/access/actor.ts';
import { createTestApp, type TestContext } from '../src/platform/testing/test-app.ts';
import { chromiumAvailable, launchChromium, signInStaff } from './browser.ts';

const SCREENSHOTS = 'test-results/screenshots';

async function expectAccessible(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe.runIf(chromiumAvailable())('registry staff console in Chromium', () => {
  let t: TestContext;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    await importRegistry(t.services, {
      records: [
        rawRecord({ psid: 'e2e+131199+staff', areaCode: '131199', name: '板橋区の産後ケア', months: [0, 12] }),
        rawRecord({ psid: 'e2e+131211+staff', areaCode: '131211', name: '足立区の制度', months: [0, 35] }),
      ],
      source: 'e2e',
      actor: SYSTEM_ACTOR,
    });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an editor edits and submits, another staff member approves, and the change feed shows the edit', async () => {
    const editor = await makeStaff(t.services, { municipalityCode: '131199', roles: ['registry-editor'] });
    const approver = await makeStaff(t.services, { municipalityCode: '131199', roles: ['registry-approver'] });
    const feed = await (await fetch(`${baseUrl}/api/v1/programs/changes?since=0`)).json();
    const since = feed.nextCursor as string;

    // The editor (板橋区) sees only 板橋区's programs.
    const editorContext = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'ja-JP' });
    const page = await editorContext.newPage();
    await signInStaff(page, baseUrl, editor, { from: '/staff/registry' });
    await page.goto(`${baseUrl}/staff/registry`);
    const list = await page.locator('[data-testid=staff-programs]').textContent();
    expect(list).toContain('板橋区の産後ケア');
    expect(list).not.toContain('足立区の制度');
    await expectAccessible(page);
    await page.screenshot({ path: `${SCREENSHOTS}/registry-staff-list-ja-360.png`, fullPage: true });

    await page.click('text=板橋区の産後ケア');
    await page.click('a:has-text("編集する")');
    await page.waitForURL(/\/edit$/);
    await expectAccessible(page);
    // A bad age window is refused with the field named, and nothing is saved.
    await page.fill('#field-ageMonths-min', '12');
    await page.fill('#field-ageMonths-max', '6');
    await page.click('button:has-text("下書きを保存")');
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('対象月齢');
    await expect(page.locator('#field-ageMonths-max-error').count()).resolves.toBe(1);
    await page.fill('#field-ageMonths-min', '0');
    await page.fill('#field-ageMonths-max', '18');
    await page.fill('#field-name', '板橋区の産後ケア（拡充）');
    await page.screenshot({ path: `${SCREENSHOTS}/registry-staff-form-ja-360.png`, fullPage: true });
    await Promise.all([page.waitForURL(/done=saved/), page.click('button:has-text("下書きを保存")')]);
    const diff = await page.locator('[data-testid=version-diff]').first().textContent();
    expect(diff).toContain('板橋区の産後ケア（拡充）');
    expect(diff).toContain('対象月齢');
    await Promise.all([page.waitForURL(/done=submitted/), page.click('button:has-text("確認を依頼する")')]);
    await expect(page.locator('[data-testid=open-status]').textContent()).resolves.toBe('確認待ち');
    // Not yet public.
    const before = await (await fetch(`${baseUrl}/api/v1/programs/changes?since=${since}`)).json();
    expect(before.items).toEqual([]);
    await editorContext.close();

    // A different staff member with the approver role reviews the diff and approves.
    const approverContext = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'en-US' });
    const review = await approverContext.newPage();
    await signInStaff(review, baseUrl, approver, { from: '/staff/registry' });
    await review.goto(`${baseUrl}/staff/registry?status=in_review`);
    await review.click('text=板橋区の産後ケア');
    await expect(review.locator('[data-testid=version-diff]').first().textContent()).resolves.toContain('（拡充）');
    await expectAccessible(review);
    await review.screenshot({ path: `${SCREENSHOTS}/registry-staff-review-en-360.png`, fullPage: true });
    await Promise.all([review.waitForURL(/done=approved/), review.click('button:has-text("Approve and publish")')]);
    await expect(review.locator('[data-testid=program-status]').textContent()).resolves.toBe('Published');
    await expect(review.locator('[data-testid=version-history]').textContent()).resolves.toContain('Version 2');
    await expectAccessible(review);
    await approverContext.close();

    const after = await (await fetch(`${baseUrl}/api/v1/programs/changes?since=${since}`)).json();
    expect(after.items).toHaveLength(1);
    expect(after.items[0]).toMatchObject({ kind: 'updated', version: 2, psid: 'e2e+131199+staff' });
    expect(after.items[0].program).toMatchObject({ name: '板橋区の産後ケア（拡充）', ageMonths: { min: 0, max: 18 } });
  });
});

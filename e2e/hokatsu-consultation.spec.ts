import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStaff } from '../src/modules/identity/testing/identity-factories.ts';
import { createTestApp, type TestContext } from '../src/platform/testing/test-app.ts';
import {
  chromiumAvailable,
  freePort,
  launchChromium,
  SCREENSHOTS,
  seriousA11yViolations,
  signInStaff,
} from './browser.ts';

// The counsellor flow of online consultations: a counsellor publishes a slot, a parent books it with a topic on a
// 360 px phone, and once the consultation has started the counsellor sees the topic and marks it held.
const HACHIOJI = '132012';

async function checkPage(page: Page, name: string) {
  expect(await seriousA11yViolations(page), name).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, name).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SCREENSHOTS}/hokatsu-consultation-${name}.png`, fullPage: true });
}

describe.runIf(chromiumAvailable())('online consultation with a counsellor in Chromium', () => {
  let t: TestContext;
  let browser: Browser;
  let baseUrl: string;
  let dataDir: string;
  // The app's clock runs with the wall clock, shifted forward to "the day of the consultation" mid-test.
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    dataDir = await mkdtemp(join(tmpdir(), 'tsunagu-consultation-e2e-'));
    t = await createTestApp({ config: { port, baseUrl, dataDir }, now });
    await t.app.listen({ port, host: '127.0.0.1' });
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  // A long journey through many pages: on the shared 2-core machine it can take over the default 30 s.
  it('counsellor publishes, parent books with a topic, counsellor sees it and marks it held', async () => {
    const counsellor = await makeStaff(t.services, { municipalityCode: HACHIOJI, roles: ['nursery-screener'] });
    const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    const staff = await staffContext.newPage();
    await signInStaff(staff, baseUrl, counsellor, { now: now() });
    await staff.goto(`${baseUrl}/staff/hokatsu`);
    await staff.click('a[href="/staff/hokatsu/consultations"]');
    const day = Temporal.Now.plainDateISO('Asia/Tokyo').add({ days: 2 });
    await staff.fill('#from', day.toString());
    await staff.fill('#startTime', '10:00');
    await staff.fill('#durationMinutes', '30');
    await staff.fill('#meetingUrl', 'https://meet.example.jp/hachioji-hokatsu');
    await staff.click('form[action="/staff/hokatsu/consultations/slots"] button[type="submit"]');
    await staff.waitForURL(/\/staff\/hokatsu\/consultations\?published=1$/);
    await checkPage(staff, 'published');

    const parentContext = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'ja-JP' });
    const parent = await parentContext.newPage();
    await parent.goto(`${baseUrl}/hokatsu/consultations?municipality=${HACHIOJI}`);
    await parent.click('text=ログインして予約する');
    await parent.click('[data-testid="sign-in-card"]');
    await parent.waitForURL(/\/demo-card\/interaction\//);
    await parent.check('input[value="demo-resident-0004"]');
    await parent.click('button[value="login"]');
    await parent.waitForURL(`${baseUrl}/hokatsu/consultations?municipality=${HACHIOJI}`);
    await parent.locator('input[name="topic"]').first().fill('1歳児クラスの入りやすさ');
    await parent.locator('textarea[name="questions"]').first().fill('育休は来年3月までです。4月入園に間に合いますか？');
    await parent.locator('.visit-list form button[type="submit"]').first().click();
    await parent.waitForURL(/done=booked$/);
    const mine = parent.locator('[data-testid="my-consultations"]');
    await expect(mine.textContent()).resolves.toContain('1歳児クラスの入りやすさ');
    await expect(mine.locator('a[href="https://meet.example.jp/hachioji-hokatsu"]').count()).resolves.toBe(1);
    await expect(mine.locator('button', { hasText: '予約を取り消す' }).count()).resolves.toBe(1);
    await checkPage(parent, 'parent-booked');

    // The day of the consultation, ten minutes in: the counsellor signs in again and records it.
    const startsAt = day.toZonedDateTime({ timeZone: 'Asia/Tokyo', plainTime: '10:10' }).epochMilliseconds;
    offsetMs = startsAt - Date.now();
    await signInStaff(staff, baseUrl, counsellor, { now: now() });
    await staff.goto(`${baseUrl}/staff/hokatsu/consultations`);
    const slots = staff.locator('[data-testid="counsellor-slots"]');
    await expect(slots.textContent()).resolves.toContain('1歳児クラスの入りやすさ');
    await expect(slots.textContent()).resolves.toContain('4月入園に間に合いますか？');
    await checkPage(staff, 'bookings');
    await staff.click('button[value="held"]');
    await staff.waitForURL(/\?done=marked$/);
    await expect(slots.textContent()).resolves.toContain('実施済み');
    await checkPage(staff, 'held');
  }, 180_000);
});

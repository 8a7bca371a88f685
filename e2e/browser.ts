import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { totpCode } from '../src/modules/identity/staff/totp.ts';
import { freePort } from '../src/platform/testing/free-port.ts';

export { freePort };

import { createTestApp, type TestContext } from '../src/platform/testing/test-app.ts';

export const SCREENSHOTS = 'test-results/screenshots';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests need Debian's chromium (no browser download is possible here). Without it they are skipped with a
 * loud notice on a developer machine, and fail under CI, where they are required.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) throw new Error(`Browser tests are required in CI but ${CHROMIUM_PATH} is missing`);
  console.warn(
    `\n!!! Browser tests SKIPPED: no Chromium at ${CHROMIUM_PATH}. Install it with 'apt-get install -y chromium' (or set CHROMIUM_PATH).\n`,
  );
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
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
}

/** Every axe violation of serious or critical impact on the page, as `id: help (targets)`; [] when there is none. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

export interface BrowserApp {
  t: TestContext;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The whole app on a port known before it is built (BASE_URL — the OIDC redirect URI and issuer — must name it),
 * with its own data dir (demo CA, secrets), plus Chromium. For browser tests that sign people in.
 */
export async function startBrowserApp(name: string): Promise<BrowserApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), `tsunagu-e2e-${name}-`));
  const t = await createTestApp({ config: { port, baseUrl, dataDir } });
  await t.app.listen({ port, host: '127.0.0.1' });
  const browser = await launchChromium();
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    t,
    browser,
    baseUrl,
    async close() {
      await browser.close();
      await t.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface StaffCredentials {
  email: string;
  password: string;
  totpSecret: string;
}

/**
 * Signs a staff member in through the real pages — password, then the TOTP code — and waits for the staff home.
 * `from`: start at a staff page and expect the redirect to sign-in. `now`: the app's clock when the test pins it (the
 * code is checked against it).
 */
export async function signInStaff(
  page: Page,
  baseUrl: string,
  staff: StaffCredentials,
  options: { from?: string; now?: Date } = {},
): Promise<void> {
  if (options.from) {
    await page.goto(`${baseUrl}${options.from}`);
    await page.waitForURL(`${baseUrl}/staff/sign-in`);
  } else {
    await page.goto(`${baseUrl}/staff/sign-in`);
  }
  await page.fill('#field-email', staff.email);
  await page.fill('#field-password', staff.password);
  await Promise.all([page.waitForURL(`${baseUrl}/staff/sign-in/totp`), page.click('button[type=submit]')]);
  await page.fill('#field-code', totpCode(staff.totpSecret, options.now ?? new Date()));
  await Promise.all([page.waitForURL(`${baseUrl}/staff`), page.click('button[type=submit]')]);
}

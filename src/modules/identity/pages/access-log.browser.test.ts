import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, SCREENSHOTS } from '../../../../e2e/browser.ts';
import type { Lang } from '../../../platform/i18n/i18n.ts';
import { renderDocument } from '../../../platform/web/render-page.ts';
import type { AccessLogEntry } from '../consent.schemas.ts';
import { accessLogPage } from './consents-page.tsx';

const enabled = chromiumAvailable();

// The access log as a parent reads it on a 360 px phone: the page as the route renders it, with the site's own
// stylesheets inlined (no server needed to lay it out).
const css = [
  createRequire(import.meta.url).resolve('@digital-go-jp/design-tokens/dist/tokens.css'),
  new URL('../../../platform/web/assets/app.css', import.meta.url),
]
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');
const entries: AccessLogEntry[] = [
  {
    occurredAt: '2026-11-21T00:31:00Z',
    actorType: 'clinic-staff',
    municipalityCode: '132012',
    institutionCode: '1312345678',
    action: 'health-eligibility.check',
    resourceType: 'child',
    purpose: 'subsidy eligibility check at a clinic',
    outcome: 'success',
  },
  {
    occurredAt: '2026-11-20T01:00:00Z',
    actorType: 'parent',
    municipalityCode: '132012',
    institutionCode: null,
    action: 'child.register',
    resourceType: 'child',
    purpose: 'parent registers a child',
    outcome: 'success',
  },
  {
    occurredAt: '2026-11-20T00:59:00Z',
    actorType: 'parent',
    municipalityCode: '132012',
    institutionCode: null,
    action: 'parent.register',
    resourceType: 'household',
    purpose: 'first sign-in with the card',
    outcome: 'success',
  },
];
const html = (lang: Lang) => {
  const { title, body } = accessLogPage(lang, { entries, csrfToken: 'csrf' });
  return renderDocument(lang, title, '/access-log', body)
    .replace(/<link rel="stylesheet"[^>]*>/g, '')
    .replace('</head>', `<style>${css}</style></head>`);
};

describe.runIf(enabled)('access log on a 360 px phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  for (const lang of ['ja', 'en'] as const) {
    it(`keeps the institution code on one line and every entry in words (${lang})`, async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: `${lang}-JP` });
      const page = await context.newPage();
      await page.setContent(html(lang));
      await page.screenshot({ path: `${SCREENSHOTS}/identity-access-log-${lang}-360.png`, fullPage: true });
      // The code's own text in one line box: a code split across lines would have two client rects.
      const codeRects = await page.getByTestId('institution').evaluate((el, code) => {
        const text = el.firstChild!;
        const at = text.textContent!.indexOf(code);
        const range = document.createRange();
        range.setStart(text, at);
        range.setEnd(text, at + code.length);
        return at < 0 ? -1 : range.getClientRects().length;
      }, '1312345678');
      expect(codeRects).toBe(1);
      // The dates do not break either (they did in four narrow columns).
      for (const time of await page.locator('[data-testid="access-log"] time').all()) {
        expect(await time.evaluate((el) => el.getClientRects().length)).toBe(1);
      }
      // The table fits the phone: no horizontal scrolling of the log.
      const wrap = page.locator('.table-wrap');
      expect(await wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      // identity's own purposes in the reader's language, not as written in the code.
      const text = (await page.getByTestId('access-log').textContent()) ?? '';
      if (lang === 'ja') {
        expect(text).toContain('保護者によるお子さんの登録');
        expect(text).toContain('マイナンバーカードでの初回ログイン');
        expect(text).not.toMatch(/parent registers a child|first sign-in with the card/);
      } else {
        expect(text).toContain('the parent registers a child');
      }
      await context.close();
    });
  }
});

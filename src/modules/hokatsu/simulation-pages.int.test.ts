import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

function hidden(html: string, name: string): string {
  const match = html.match(new RegExp(`name="${name}" value="([^"]*)"`));
  return (match?.[1] ?? '').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

/** Walks the flow like a browser without JavaScript: each screen's form posted back with its hidden fields. */
async function answer(page: { body: string; cookie: string }, fields: Record<string, string | string[]>, lang = 'ja') {
  const form = new URLSearchParams();
  form.set('_csrf', hidden(page.body, '_csrf'));
  form.set('state', hidden(page.body, 'state'));
  form.set('step', hidden(page.body, 'step'));
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) form.append(k, one);
  const res = await t.app.inject({
    method: 'POST',
    url: '/hokatsu/simulate',
    cookies: { _csrf: page.cookie, lang },
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form.toString(),
  });
  return { res, page: { body: res.body, cookie: page.cookie } };
}

async function start(lang = 'ja') {
  const res = await t.app.inject({ url: '/hokatsu/simulate', cookies: { lang } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === '_csrf')!.value;
  return { body: res.body, cookie };
}

describe('index simulation pages (no JavaScript)', () => {
  it('asks one question per screen and ends with the explained index', async () => {
    let page = await start();
    expect(page.body).toContain('どの自治体の基準で計算しますか？');
    expect(page.body).toContain('公開資料から作成したサンプル');
    ({ page } = await answer(page, { answer: '132012/2025' }));
    expect(page.body).toContain('保護者1の、保育が必要な理由は？');
    ({ page } = await answer(page, { answer: 'work' }));
    expect(page.body).toContain('name="hoursPerWeek"');
    const bad = await answer(page, { hoursPerWeek: 'lots' });
    expect(bad.res.statusCode).toBe(400);
    expect(bad.res.body).toContain('role="alert"');
    ({ page } = await answer(page, { hoursPerWeek: '40' }));
    expect(page.body).toContain('保護者2の、保育が必要な理由は？');
    const last = await answer(page, { answer: 'pregnancy' });
    expect(last.res.statusCode).toBe(200);
    expect(last.res.body).toMatch(/data-testid="index-total">20 /);
    expect(last.res.body).toContain('週40時間');
  });

  it('works in English, with adjustments as checkboxes and an absent parent', async () => {
    let page = await start('en');
    ({ page } = await answer(page, { answer: '131237/2025' }, 'en'));
    ({ page } = await answer(page, { answer: 'work' }, 'en'));
    ({ page } = await answer(page, { daysPerMonth: '20', hoursPerDay: '7' }, 'en'));
    ({ page } = await answer(page, { answer: 'absent' }, 'en'));
    expect(page.body).toContain('type="checkbox"');
    const { res } = await answer(page, { answer: 'single-parent-no-grandparents' }, 'en');
    expect(res.body).toMatch(/data-testid="index-total">110 /);
    expect(res.body).toContain('Sample from public documents — verify');
  });

  it('refuses a post without the CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/hokatsu/simulate',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'step=rules&answer=132012%2F2025',
    });
    expect(res.statusCode).toBe(403);
  });
});

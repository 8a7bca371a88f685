import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeStaff, staffCookie } from '../identity/index.ts';
import { rawRecord } from './registry.factories.ts';
import { importRegistry } from './use-cases/import-registry.ts';

let t: TestContext;
type Cookies = Record<string, string>;
let editor: Cookies;
let approver: Cookies;
let adachiEditor: Cookies;
let tokyoEditor: Cookies;
let screener: Cookies;

beforeAll(async () => {
  t = await createTestApp();
  await importRegistry(t.services, {
    records: [rawRecord({ psid: 'console+131199+1', areaCode: '131199', name: '板橋区の健診', months: [3, 4] })],
    source: 'test',
    actor: SYSTEM_ACTOR,
  });
  const sign = async (municipalityCode: string, roles: Parameters<typeof makeStaff>[1]['roles']) =>
    staffCookie(t.app, t.services, await makeStaff(t.services, { municipalityCode, roles }));
  editor = await sign('131199', ['registry-editor']);
  approver = await sign('131199', ['registry-approver']);
  adachiEditor = await sign('131211', ['registry-editor', 'registry-approver']);
  tokyoEditor = await sign('130001', ['registry-editor']);
  screener = await sign('131199', ['nursery-screener']);
});
afterAll(() => t?.close());

const api = (cookies: Cookies, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1/staff/registry/programs${url}`, cookies, ...(payload ? { payload } : {}) });

describe('registry staff API and console', () => {
  it('runs the workflow through the JSON API with the session’s actor, four eyes included', async () => {
    const created = await api(editor, 'POST', '', {
      municipalityCode: '131199',
      name: '板橋区おむつ支援',
      ageMonths: { min: 0, max: 12 },
    });
    expect(created.statusCode).toBe(201);
    const { programId } = created.json();
    expect((await api(editor, 'POST', `/${programId}/versions/1/submit`)).json().status).toBe('in_review');
    // The editor cannot approve (no permission); the approver can.
    expect((await api(editor, 'POST', `/${programId}/versions/1/review`, { decision: 'approve' })).statusCode).toBe(
      403,
    );
    const approved = await api(approver, 'POST', `/${programId}/versions/1/review`, { decision: 'approve' });
    expect(approved.json()).toMatchObject({ status: 'published', version: 1 });
    const history = (await api(approver, 'GET', `/${programId}/versions`)).json();
    expect(history.items[0]).toMatchObject({ version: 1, status: 'published' });
    const list = (await api(editor, 'GET', '?status=published')).json();
    expect(list.items.map((p: { name: string }) => p.name)).toContain('板橋区おむつ支援');
  });

  it('keeps staff to their own municipality (403, audited) while Tokyo-wide staff see all', async () => {
    const list = (await api(editor, 'GET', '')).json();
    const itabashi = list.items.find((p: { psid: string }) => p.psid === 'console+131199+1');
    expect(itabashi).toBeDefined();
    expect((await api(adachiEditor, 'GET', '')).json().items).toEqual([]);
    const refused = await api(adachiEditor, 'PATCH', `/${itabashi.id}`, { summary: 'x' });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    const denials = await t.services.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'registry.edit'), eq(auditEvents.outcome, 'denied')));
    expect(denials.length).toBeGreaterThan(0);
    expect((await api(adachiEditor, 'POST', '', { municipalityCode: '131199', name: 'x' })).statusCode).toBe(403);
    expect((await api(tokyoEditor, 'GET', '')).json().items.length).toBeGreaterThanOrEqual(2);
    expect((await api(tokyoEditor, 'PATCH', `/${itabashi.id}`, { summary: '都が直す' })).statusCode).toBe(200);
    // Staff without a registry role and anonymous callers are refused.
    expect((await api(screener, 'GET', '')).statusCode).toBe(403);
    expect((await api({}, 'GET', '')).statusCode).toBe(401);
  });

  it('names the field of bad input in problem+json', async () => {
    const bad = await api(editor, 'POST', '', {
      municipalityCode: '131199',
      name: 'x',
      ageMonths: { min: 12, max: 6 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'invalid-age-window', errors: [{ field: 'body.ageMonths' }] });
    const badCategory = await api(editor, 'POST', '', { municipalityCode: '131199', name: 'x', categories: ['999'] });
    expect(badCategory.statusCode).toBe(400);
    expect(JSON.stringify(badCategory.json().errors)).toContain('categories');
  });

  it('serves the console pages only to signed-in staff, and refuses a form without its CSRF token', async () => {
    const anonymous = await t.app.inject({ url: '/staff/registry' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/staff/sign-in');
    const page = await t.app.inject({ url: '/staff/registry', cookies: editor, headers: { 'accept-language': 'en' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('板橋区の健診');
    const forged = await t.app.inject({
      method: 'POST',
      url: '/staff/registry/new',
      cookies: editor,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'municipalityCode=131199&name=forged',
    });
    expect(forged.statusCode).toBe(403);
    expect((await api(editor, 'GET', '?q=forged')).json().items).toEqual([]);
  });
});

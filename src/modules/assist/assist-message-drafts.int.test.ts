import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeStaff, staffCookie } from '../identity/index.ts';
import { importRegistry, rawRecord } from '../registry/index.ts';
import { assistMessageDrafts } from './assist.tables.ts';

let t: TestContext;
let editor: Record<string, string>;
let editorOnly: Record<string, string>;
let programId: string;

beforeAll(async () => {
  // An LLM endpoint that refuses connections: drafting must fall back to the templates with a notice.
  t = await createTestApp({
    config: { assistLlm: { baseUrl: 'http://127.0.0.1:9/v1', model: 'none', apiKey: undefined, timeoutMs: 1000 } },
  });
  await importRegistry(t.services, {
    records: [rawRecord({ psid: 'drafts+131199+1', areaCode: '131199', name: '乳児おむつ支援', months: [2, 18] })],
    source: 'test',
    actor: SYSTEM_ACTOR,
  });
  const sign = async (roles: ('registry-editor' | 'notice-sender')[]) =>
    staffCookie(t.app, t.services, await makeStaff(t.services, { municipalityCode: '131199', roles }));
  editor = await sign(['registry-editor', 'notice-sender']);
  editorOnly = await sign(['registry-editor']);
  const list = await t.app.inject({ method: 'GET', url: '/api/v1/staff/registry/programs', cookies: editor });
  programId = list.json().items[0].id;
});
afterAll(() => t?.close());

const createDraft = async () => {
  const created = await t.app.inject({
    method: 'POST',
    url: `/api/v1/staff/assist/programs/${programId}/message-drafts`,
    cookies: editor,
  });
  expect(created.statusCode).toBe(201);
  return created.json();
};
const templateRows = (version: number) =>
  t.services.db.execute<{ title_ja: string; body_ja: string; title_en: string; body_en: string; category: string }>(
    sql`select title_ja, body_ja, title_en, body_en, category from notify_templates
         where key = 'program-announcement' and version = ${version}`,
  );

describe('notice drafts from a program', () => {
  it('drafts, edits within limits, approves once into a notify template version', async () => {
    const draft = await createDraft();
    expect(draft).toMatchObject({ status: 'draft', generator: 'template', variables: [], template: null });
    expect(draft.notices[0].en).toContain('language model could not be used');
    expect(draft.texts['easy-ja'].pushTitle).toBe('「乳児おむつ支援」の おしらせ');

    const url = `/api/v1/staff/assist/message-drafts/${draft.id}`;
    const tooLong = structuredClone(draft.texts);
    tooLong.ja.pushTitle = 'あ'.repeat(41);
    const refused = await t.app.inject({ method: 'PUT', url, cookies: editor, payload: { texts: tooLong } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toContain('texts.ja.pushTitle');
    const badVariable = structuredClone(draft.texts);
    badVariable.en.line = 'Hello ((parent_name))';
    const refusedVariable = await t.app.inject({
      method: 'PUT',
      url,
      cookies: editor,
      payload: { texts: badVariable },
    });
    expect(refusedVariable.json()).toMatchObject({ code: 'assist-draft-unknown-variable' });
    expect(refusedVariable.json().errors[0].field).toBe('body.texts.en.line');

    const edited = structuredClone(draft.texts);
    edited.ja.pushTitle = 'おむつ支援が始まります';
    edited.en.emailBody = 'Diapers every month for babies from 2 months.';
    const saved = await t.app.inject({ method: 'PUT', url, cookies: editor, payload: { texts: edited } });
    expect(saved.json().texts.ja.pushTitle).toBe('おむつ支援が始まります');

    // A registry editor who may not send notices cannot approve the words parents receive.
    const forbidden = await t.app.inject({ method: 'POST', url: `${url}/approve`, cookies: editorOnly });
    expect(forbidden.statusCode).toBe(403);

    const approved = await t.app.inject({ method: 'POST', url: `${url}/approve`, cookies: editor });
    expect(approved.statusCode).toBe(200);
    const body = approved.json();
    expect(body.status).toBe('approved');
    expect(body.template).toMatchObject({ key: 'program-announcement' });
    const rows = await templateRows(body.template.version);
    expect(rows.rows).toEqual([
      {
        title_ja: 'おむつ支援が始まります',
        body_ja: edited.ja.emailBody,
        title_en: edited.en.pushTitle,
        body_en: 'Diapers every month for babies from 2 months.',
        category: 'programs',
      },
    ]);
    const audit = await t.services.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'notify-template.save'
           and resource_id = ${`program-announcement@${body.template.version}`}`,
    );
    expect(audit.rows[0]?.n).toBe(1);

    // The approved texts go to notify as a staff announcement to the program's age window.
    const announced = await t.app.inject({
      method: 'POST',
      url: `${url}/announcements`,
      cookies: editor,
      payload: { sendAt: '2030-04-01T09:00:00+09:00' },
    });
    expect(announced.statusCode).toBe(201);
    expect(announced.json()).toMatchObject({ status: 'draft', template: body.template });
    const announcement = await t.services.db.execute<Record<string, unknown>>(
      sql`select municipality_code, category, title_ja, body_en, age_min_months, age_max_months, status,
                 template_key, template_version
            from notify_announcements where id = ${announced.json().id}`,
    );
    expect(announcement.rows[0]).toEqual({
      municipality_code: '131199',
      category: 'programs',
      title_ja: 'おむつ支援が始まります',
      body_en: 'Diapers every month for babies from 2 months.',
      age_min_months: 2,
      age_max_months: 19, // the registry's half-open window [2, 19) for 「2か月から18か月まで」; notify segments the same way
      status: 'draft',
      // Its messages will record the approved template version, not notify's generic `announcement`.
      template_key: 'program-announcement',
      template_version: body.template.version,
    });

    expect((await t.app.inject({ method: 'POST', url: `${url}/approve`, cookies: editor })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'PUT', url, cookies: editor, payload: { texts: edited } })).statusCode).toBe(
      409,
    );
  });

  it("refuses through notify's template check a draft whose text uses an unknown variable", async () => {
    const draft = await createDraft();
    // Texts written before the variables changed (or by hand in the database) are checked again on approval.
    const texts = structuredClone(draft.texts);
    texts.ja.emailBody = '((child_name))さんのご家庭へ\nおむつを毎月お届けします。';
    await t.services.db.update(assistMessageDrafts).set({ texts }).where(eq(assistMessageDrafts.id, draft.id));
    const before = await t.services.db.execute<{ n: number }>(
      sql`select count(*)::int as n from notify_templates where key = 'program-announcement'`,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/assist/message-drafts/${draft.id}/approve`,
      cookies: editor,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'notify-template-unknown-variable' });
    expect(res.json().errors[0].field).toBe('body.bodyJa');
    const after = await t.services.db.execute<{ n: number }>(
      sql`select count(*)::int as n from notify_templates where key = 'program-announcement'`,
    );
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    const [row] = await t.services.db
      .select()
      .from(assistMessageDrafts)
      .where(and(eq(assistMessageDrafts.id, draft.id), eq(assistMessageDrafts.status, 'draft')));
    expect(row?.templateVersion).toBeNull();

    // The やさしい日本語 texts are not a notify template field; assist checks them itself.
    const easy = structuredClone(draft.texts);
    easy['easy-ja'].line = '((parent_name))さんへ';
    await t.services.db.update(assistMessageDrafts).set({ texts: easy }).where(eq(assistMessageDrafts.id, draft.id));
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/assist/message-drafts/${draft.id}/approve`,
      cookies: editor,
    });
    expect(refused.json()).toMatchObject({ code: 'assist-draft-unknown-variable' });
    expect(refused.json().errors[0].field).toBe('body.texts.easy-ja.line');
    // Only approved texts are announced.
    const early = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/assist/message-drafts/${draft.id}/announcements`,
      cookies: editor,
      payload: { sendAt: '2030-04-01T09:00:00+09:00' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('assist-draft-not-approved');
  });
});

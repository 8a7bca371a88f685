import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeStaff, staffCookie } from '../identity/index.ts';
import { importRegistry, rawRecord } from '../registry/index.ts';

let t: TestContext;
let editor: Record<string, string>;
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
  editor = await staffCookie(
    t.app,
    t.services,
    await makeStaff(t.services, { municipalityCode: '131199', roles: ['registry-editor'] }),
  );
  const list = await t.app.inject({ method: 'GET', url: '/api/v1/staff/registry/programs', cookies: editor });
  programId = list.json().items[0].id;
});
afterAll(() => t?.close());

describe('notice drafts from a program', () => {
  it('drafts, edits within limits, approves once', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/assist/programs/${programId}/message-drafts`,
      cookies: editor,
    });
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft).toMatchObject({ status: 'draft', generator: 'template', variables: ['child_name'] });
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

    const edited = structuredClone(draft.texts);
    edited.ja.pushTitle = 'おむつ支援が始まります';
    const saved = await t.app.inject({ method: 'PUT', url, cookies: editor, payload: { texts: edited } });
    expect(saved.json().texts.ja.pushTitle).toBe('おむつ支援が始まります');
    const approved = await t.app.inject({ method: 'POST', url: `${url}/approve`, cookies: editor });
    expect(approved.json().status).toBe('approved');
    expect((await t.app.inject({ method: 'POST', url: `${url}/approve`, cookies: editor })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'PUT', url, cookies: editor, payload: { texts: edited } })).statusCode).toBe(
      409,
    );
  });
});

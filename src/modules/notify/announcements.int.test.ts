import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeStaff, staffCookie } from '../identity/index.ts';
import { makeFamily } from './testing/notify-factories.ts';
import { sendAnnouncement } from './use-cases/announcements.ts';

const NOW = new Date('2026-12-01T03:00:00Z');
let t: TestContext;

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
});
afterAll(() => t.close());

describe('staff announcements', () => {
  it('previews the segment, needs a second staff member to approve, then sends once to the segment', async () => {
    // Segment: 江戸川区, children aged 0–11 months. One family in, one too old, one in another municipality.
    const baby = await makeFamily(t.services, { municipalityCode: '131237', birthDate: '2026-06-15' });
    await makeFamily(t.services, { municipalityCode: '131237', birthDate: '2020-06-15' });
    await makeFamily(t.services, { municipalityCode: '131211', birthDate: '2026-06-15' });

    const author = await makeStaff(t.services, { municipalityCode: '131237', roles: ['notice-sender'] });
    const colleague = await makeStaff(t.services, { municipalityCode: '131237', roles: ['notice-sender'] });
    const authorCookies = await staffCookie(t.app, t.services, author, NOW);
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notify/announcements',
      cookies: authorCookies,
      payload: {
        municipalityCode: '131237',
        category: 'announcements',
        titleJa: '乳児向け教室のご案内',
        bodyJa: '12月20日に乳児向けの教室を開きます。',
        titleEn: 'Baby class',
        bodyEn: 'A class for babies on 20 December.',
        ageMinMonths: 0,
        ageMaxMonths: 12,
        sendAt: '2026-12-01T03:00:00Z',
      },
    });
    expect(draft.statusCode).toBe(201);
    const { id, targeted } = draft.json() as { id: string; targeted: number };
    expect(targeted).toBe(1);

    const self = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notify/announcements/${id}/approve`,
      cookies: authorCookies,
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('notify-four-eyes');

    const otherMunicipality = await makeStaff(t.services, { municipalityCode: '131211', roles: ['notice-sender'] });
    const outside = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notify/announcements/${id}/approve`,
      cookies: await staffCookie(t.app, t.services, otherMunicipality, NOW),
    });
    expect(outside.statusCode).toBe(403);

    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notify/announcements/${id}/approve`,
      cookies: await staffCookie(t.app, t.services, colleague, NOW),
    });
    expect(approved.statusCode).toBe(200);

    // The queued job runs sendAnnouncement at send time; running it twice sends nothing more.
    expect(await sendAnnouncement(t.services, id)).toBe(1);
    expect(await sendAnnouncement(t.services, id)).toBe(0);
    const messages = await t.services.db.execute<{ parent_id: string; title: string }>(
      sql`select parent_id, title from notify_messages where announcement_id = ${id}`,
    );
    expect(messages.rows).toEqual([{ parent_id: baby.parent.id, title: '乳児向け教室のご案内' }]);
  });

  it('refuses an age range whose upper bound is not above the lower one, naming the field', async () => {
    const author = await makeStaff(t.services, { municipalityCode: '131237', roles: ['notice-sender'] });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notify/announcements',
      cookies: await staffCookie(t.app, t.services, author, NOW),
      payload: {
        municipalityCode: '131237',
        category: 'announcements',
        titleJa: 'x',
        bodyJa: 'x',
        titleEn: 'x',
        bodyEn: 'x',
        ageMinMonths: 24,
        ageMaxMonths: 12,
        sendAt: '2026-12-01T03:00:00Z',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('body.ageMaxMonths');
  });

  it('cancels an approved announcement before its send time, so the scheduled send writes nothing', async () => {
    await makeFamily(t.services, { municipalityCode: '131237', birthDate: '2026-07-15' });
    const author = await makeStaff(t.services, { municipalityCode: '131237', roles: ['notice-sender'] });
    const colleague = await makeStaff(t.services, { municipalityCode: '131237', roles: ['notice-sender'] });
    const authorCookies = await staffCookie(t.app, t.services, author, NOW);
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notify/announcements',
      cookies: authorCookies,
      payload: {
        municipalityCode: '131237',
        category: 'announcements',
        titleJa: '中止になる教室',
        bodyJa: 'この教室は中止です。',
        titleEn: 'A class to be called off',
        bodyEn: 'This class is called off.',
        sendAt: '2026-12-02T03:00:00Z',
      },
    });
    const { id } = draft.json() as { id: string };
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notify/announcements/${id}/approve`,
      cookies: await staffCookie(t.app, t.services, colleague, NOW),
    });
    expect(approved.statusCode).toBe(200);

    const outsider = await makeStaff(t.services, { municipalityCode: '131211', roles: ['notice-sender'] });
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notify/announcements/${id}/cancel`,
      cookies: await staffCookie(t.app, t.services, outsider, NOW),
    });
    expect(refused.statusCode).toBe(403);

    // The author may cancel (stopping a send needs no second person).
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notify/announcements/${id}/cancel`,
      cookies: authorCookies,
    });
    expect(cancelled.json()).toEqual({ id, status: 'cancelled' });
    expect(await sendAnnouncement(t.services, id)).toBe(0);
    const messages = await t.services.db.execute<{ n: number }>(
      sql`select count(*)::int as n from notify_messages where announcement_id = ${id}`,
    );
    expect(messages.rows[0]!.n).toBe(0);

    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notify/announcements/${id}/cancel`,
      cookies: authorCookies,
    });
    expect(again.statusCode).toBe(409);
    const audit = await t.services.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'notify-announcement.cancel' and resource_id = ${id}`,
    );
    expect(audit.rows[0]!.n).toBe(1);
  });
});

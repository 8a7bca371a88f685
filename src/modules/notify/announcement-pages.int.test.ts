import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { CookieJarClient, formField, makeStaff, parentCookie, staffCookie } from '../identity/index.ts';
import { addEndpoint, makeFamily } from './testing/notify-factories.ts';
import { sendAnnouncement } from './use-cases/announcements.ts';

// 2026-12-01 12:00 in Tokyo.
const NOW = new Date('2026-12-01T03:00:00Z');
let t: TestContext;

beforeAll(async () => {
  t = await createTestApp({ now: () => NOW });
});
afterAll(() => t.close());

async function staffBrowser(municipalityCode: string) {
  const staff = await makeStaff(t.services, { municipalityCode, roles: ['notice-sender'] });
  const browser = new CookieJarClient(t.app);
  browser.setCookie('tsunagu_session', (await staffCookie(t.app, t.services, staff, NOW)).tsunagu_session);
  return browser;
}

const segment = { municipalityCode: '131211', category: 'announcements', ageMinMonths: '0', ageMaxMonths: '12' };
const content = {
  titleJa: '乳児向け教室のご案内',
  bodyJa: '12月20日に乳児向けの教室を開きます。',
  titleEn: 'Baby class',
  bodyEn: 'A class for babies on 20 December.',
  sendAt: '2026-12-02T10:00',
};

describe('staff announcement pages', () => {
  it('previews, creates, refuses the author, lets a colleague approve, sends, and reports opens per channel', async () => {
    const baby = await makeFamily(t.services, { municipalityCode: '131237', birthDate: '2026-06-15' });
    const emailEndpoint = await addEndpoint(t.services, baby.parent, 'email', `baby-${baby.parent.id}@example.jp`);
    await makeFamily(t.services, { municipalityCode: '131237', birthDate: '2020-06-15' });
    await makeFamily(t.services, { municipalityCode: '131211', birthDate: '2026-06-15' });

    const author = await staffBrowser('131237');
    const form = await author.request({ url: '/staff/notify/announcements/new' });
    expect(form.statusCode).toBe(200);
    // Only the staff member's own municipality can be chosen.
    expect(form.body).toContain('value="131237"');
    expect(form.body).not.toContain('value="131211"');
    const csrf = formField(form.body, '_csrf');

    // Preview: a posted other municipality is ignored; 1 parent in 江戸川区 has a child under 12 months.
    const preview = await author.request({
      method: 'POST',
      url: '/staff/notify/announcements',
      form: { _csrf: csrf, intent: 'preview', ...segment, ...content },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toMatch(/data-testid="preview-count"[^>]*>今の時点の対象は 1 人です/);

    const bad = await author.request({
      method: 'POST',
      url: '/staff/notify/announcements',
      form: { _csrf: csrf, intent: 'create', ...segment, ...content, ageMinMonths: '24', titleJa: '' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#field-titleJa"');

    const created = await author.request({
      method: 'POST',
      url: '/staff/notify/announcements',
      form: { _csrf: csrf, intent: 'create', ...segment, ...content },
    });
    expect(created.statusCode).toBe(303);
    const location = String(created.headers.location);
    const id = /announcements\/([0-9a-f-]{36})\?done=created$/.exec(location)?.[1];
    expect(id).toBeDefined();
    const stored = await t.services.db.execute<{ municipality_code: string; send_at: Date; targeted: number }>(
      sql`select municipality_code, send_at, targeted from notify_announcements where id = ${id}`,
    );
    expect({ ...stored.rows[0], send_at: new Date(stored.rows[0]!.send_at) }).toEqual({
      municipality_code: '131237',
      send_at: new Date('2026-12-02T01:00:00Z'),
      targeted: 1,
    });

    const own = await author.request({ url: location });
    expect(own.body).toContain('data-testid="announcement-status">承認待ち');
    expect(own.body).not.toContain(`/staff/notify/announcements/${id}/approve`);
    const selfApprove = await author.request({
      method: 'POST',
      url: `/staff/notify/announcements/${id}/approve`,
      form: { _csrf: csrf },
    });
    expect(selfApprove.statusCode).toBe(403);
    expect(selfApprove.body).toContain('自分が作成したお知らせは、別の職員が承認してください。');

    // Another municipality neither lists nor opens it.
    const outsider = await staffBrowser('131211');
    expect((await outsider.request({ url: '/staff/notify/announcements' })).body).not.toContain(id!);
    expect((await outsider.request({ url: `/staff/notify/announcements/${id}` })).statusCode).toBe(404);

    const colleague = await staffBrowser('131237');
    const list = await colleague.request({ url: '/staff/notify/announcements' });
    expect(list.body).toContain(`href="/staff/notify/announcements/${id}"`);
    const detail = await colleague.request({ url: `/staff/notify/announcements/${id}` });
    expect(detail.body).toContain(`/staff/notify/announcements/${id}/cancel`);
    const approved = await colleague.request({
      method: 'POST',
      url: `/staff/notify/announcements/${id}/approve`,
      form: { _csrf: formField(detail.body, '_csrf') },
    });
    expect(approved.statusCode).toBe(303);
    expect((await colleague.request({ url: `/staff/notify/announcements/${id}` })).body).toContain(
      'data-testid="announcement-status">承認済み（送信予定）',
    );
    const queued = await t.services.db.execute<{ start_after: Date }>(
      sql`select start_after from pgboss.job where name = 'notify.send-announcement' and data->>'announcementId' = ${id}`,
    );
    expect(new Date(queued.rows[0]!.start_after)).toEqual(new Date('2026-12-02T01:00:00Z'));

    // The scheduled job at send time.
    expect(await sendAnnouncement(t.services, id!)).toBe(1);
    // Once sent, there is nothing to cancel: no button, and a forged form is refused on the page.
    const sentDetail = await colleague.request({ url: `/staff/notify/announcements/${id}` });
    expect(sentDetail.body).not.toContain(`/staff/notify/announcements/${id}/cancel`);
    const late = await colleague.request({
      method: 'POST',
      url: `/staff/notify/announcements/${id}/cancel`,
      form: { _csrf: formField(detail.body, '_csrf') },
    });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('送信前のお知らせだけを取り消せます');
    const delivery = await t.services.db.execute<{ id: string; message_id: string }>(
      sql`select id, message_id from notify_deliveries where endpoint_id = ${emailEndpoint}`,
    );
    const { id: deliveryId, message_id: messageId } = delivery.rows[0]!;

    // The e-mail's tracked link counts the open once, then shows the message (sign-in first).
    const anonymous = new CookieJarClient(t.app);
    const follow = await anonymous.request({ url: `/notify/open/${deliveryId}` });
    expect(follow.statusCode).toBe(303);
    expect(follow.headers.location).toBe(`/notify/messages/${messageId}?via=email`);
    const firstOpen = await t.services.db.execute<{ opened_at: Date }>(
      sql`select opened_at from notify_deliveries where id = ${deliveryId}`,
    );
    expect(new Date(firstOpen.rows[0]!.opened_at)).toEqual(NOW);
    await anonymous.request({ url: `/notify/open/${deliveryId}` });
    expect((await anonymous.request({ url: `/notify/open/${crypto.randomUUID()}` })).headers.location).toBe('/notify');

    const parent = new CookieJarClient(t.app);
    parent.setCookie('tsunagu_session', (await parentCookie(t.app, t.services, baby.parent)).tsunagu_session);
    expect((await parent.request({ url: `/notify/messages/${messageId}?via=email` })).statusCode).toBe(200);

    const report = async () => {
      const page = await colleague.request({ url: `/staff/notify/announcements/${id}` });
      const row = (channel: string) =>
        new RegExp(`data-channel="${channel}"><td>${channel}</td>((?:<td>\\d+</td>)+)</tr>`)
          .exec(page.body)?.[1]
          ?.match(/\d+/g)
          ?.map(Number);
      return { page, email: row('email'), inbox: row('inbox') };
    };
    // targeted, sent, delivered, failed, opened: the e-mail is still queued (no SMTP here) but was opened by link;
    // the inbox row is delivered and not yet opened from the inbox (the link open does not count there).
    let figures = await report();
    expect(figures.page.body).toContain('data-testid="announcement-status">送信済み');
    expect(figures.page.body).toContain('data-testid="announcement-chart"');
    expect(figures.email).toEqual([1, 0, 0, 0, 1]);
    expect(figures.inbox).toEqual([1, 1, 1, 0, 0]);

    // Opened from the inbox: counted for the inbox row.
    await parent.request({ url: `/notify/messages/${messageId}` });
    figures = await report();
    expect(figures.inbox).toEqual([1, 1, 1, 0, 1]);
    expect(figures.email).toEqual([1, 0, 0, 0, 1]);
  });
});

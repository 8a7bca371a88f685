import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { SESSION_COOKIE } from './sessions/auth-hook.ts';
import { purgeEndedSessions } from './sessions/session-store.ts';
import { totpCode } from './staff/totp.ts';
import { makeHouseholdWithChild, makeStaff, staffCookie } from './testing/identity-factories.ts';
import { MAX_FAILED_ATTEMPTS } from './use-cases/staff-sign-in.ts';

const ADACHI = '131211';
const ITABASHI = '131199';

let t: TestContext;
let clock = new Date('2026-05-11T01:00:00Z');
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(() => t?.close());

async function passwordStep(email: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/staff/sign-in', payload: { email, password } });
}

describe('staff sign-in: password, then TOTP', () => {
  it('signs in with both factors and rotates the session token between them', async () => {
    const staff = await makeStaff(t.services, { municipalityCode: ADACHI, roles: ['nursery-screener'] });
    const step1 = await passwordStep(staff.email, staff.password);
    expect(step1.statusCode).toBe(200);
    const pending = step1.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(pending.httpOnly).toBe(true);
    expect(pending.sameSite).toBe('Lax');

    // The pending session can do nothing but take the code.
    const me = await t.app.inject({ url: '/api/v1/me', cookies: { [SESSION_COOKIE]: pending.value } });
    expect(me.statusCode).toBe(401);

    const step2 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/sign-in/totp',
      cookies: { [SESSION_COOKIE]: pending.value },
      payload: { code: totpCode(staff.totpSecret, clock) },
    });
    expect(step2.statusCode).toBe(200);
    expect(step2.json()).toMatchObject({ email: staff.email, roles: ['nursery-screener'], status: 'active' });
    const active = step2.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    expect(active).not.toBe(pending.value);

    const me2 = await t.app.inject({ url: '/api/v1/me', cookies: { [SESSION_COOKIE]: active } });
    expect(me2.json()).toMatchObject({ type: 'staff', municipalityCode: ADACHI, roles: ['nursery-screener'] });
    // The pre-TOTP token is dead.
    const reuse = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/sign-in/totp',
      cookies: { [SESSION_COOKIE]: pending.value },
      payload: { code: totpCode(staff.totpSecret, clock) },
    });
    expect(reuse.json().code).toBe('sign-in-expired');
  });

  it('refuses a wrong TOTP and a replayed one, and audits both', async () => {
    const staff = await makeStaff(t.services, { municipalityCode: ADACHI, roles: ['notice-sender'] });
    advance(60_000);
    await staffCookie(t.app, t.services, staff, clock);
    const again = await passwordStep(staff.email, staff.password);
    const pending = again.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/sign-in/totp',
      cookies: { [SESSION_COOKIE]: pending },
      payload: { code: totpCode(staff.totpSecret, clock) },
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('invalid-totp');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/sign-in/totp',
      cookies: { [SESSION_COOKIE]: pending },
      payload: { code: '000000' === totpCode(staff.totpSecret, clock) ? '111111' : '000000' },
    });
    expect(wrong.json().code).toBe('invalid-totp');
    const audits = await t.services.db.execute(
      sql`select outcome, detail->>'reason' as reason from audit_events where actor_id = ${staff.staff.id} and action = 'staff.sign-in' order by id`,
    );
    expect(audits.rows).toEqual([
      { outcome: 'success', reason: null },
      { outcome: 'failure', reason: 'wrong-totp' },
      { outcome: 'failure', reason: 'wrong-totp' },
    ]);
  });

  it('locks the account after repeated wrong passwords, even for the right one, until the lock ends', async () => {
    const staff = await makeStaff(t.services, { municipalityCode: ADACHI, roles: ['notice-sender'] });
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
      const res = await passwordStep(staff.email, 'wrong password 123');
      expect(res.json().code).toBe('invalid-credentials');
    }
    const locked = await passwordStep(staff.email, staff.password);
    expect(locked.statusCode).toBe(403);
    expect(locked.json().code).toBe('account-locked');
    advance(16 * 60_000);
    expect((await passwordStep(staff.email, staff.password)).statusCode).toBe(200);
  });

  it('answers an unknown address exactly like a wrong password', async () => {
    const res = await passwordStep('nobody@example.jp', 'whatever password');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('invalid-credentials');
  });
});

describe('sessions', () => {
  it('ends after the idle timeout and ignores a tampered cookie (audited)', async () => {
    const staff = await makeStaff(t.services, { municipalityCode: ADACHI, roles: ['notice-sender'] });
    advance(60_000);
    const cookies = await staffCookie(t.app, t.services, staff, clock);
    expect((await t.app.inject({ url: '/api/v1/me', cookies })).statusCode).toBe(200);

    const value = cookies[SESSION_COOKIE];
    const tampered = `${value.slice(0, 10)}${value[10] === 'A' ? 'B' : 'A'}${value.slice(11)}`;
    const res = await t.app.inject({ url: '/api/v1/me', cookies: { [SESSION_COOKIE]: tampered } });
    expect(res.statusCode).toBe(401);
    const audit = await t.services.db.execute(
      sql`select count(*)::int as n from audit_events where action = 'session.use' and detail->>'reason' = 'tampered-cookie'`,
    );
    expect(audit.rows[0]).toEqual({ n: 1 });

    advance(16 * 60_000);
    expect((await t.app.inject({ url: '/api/v1/me', cookies })).statusCode).toBe(401);
  });

  it('ends at the absolute timeout however busy the session is', async () => {
    const staff = await makeStaff(t.services, { municipalityCode: ADACHI, roles: ['notice-sender'] });
    advance(60_000);
    const cookies = await staffCookie(t.app, t.services, staff, clock);
    for (let hour = 0; hour < 10; hour++) {
      for (let step = 0; step < 6; step++) {
        advance(10 * 60_000);
        const res = await t.app.inject({ url: '/api/v1/me', cookies });
        if (hour === 9 && step === 5) expect(res.statusCode).toBe(401);
        else expect(res.statusCode, `after ${hour} h ${(step + 1) * 10} min`).toBe(200);
      }
    }
  });

  it('signs out everywhere', async () => {
    const staff = await makeStaff(t.services, { municipalityCode: ADACHI, roles: ['notice-sender'] });
    advance(60_000);
    const phone = await staffCookie(t.app, t.services, staff, clock);
    advance(60_000);
    const desk = await staffCookie(t.app, t.services, staff, clock);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/sign-out/everywhere', cookies: desk });
    expect(out.json()).toEqual({ ended: 2 });
    expect((await t.app.inject({ url: '/api/v1/me', cookies: phone })).statusCode).toBe(401);
  });
});

describe('session housekeeping', () => {
  it('purges sessions that ended more than a day ago and keeps those that ended since', async () => {
    const staff = await makeStaff(t.services, { municipalityCode: ADACHI, roles: ['notice-sender'] });
    advance(60_000);
    const cookies = await staffCookie(t.app, t.services, staff, clock);
    await t.app.inject({ method: 'POST', url: '/api/v1/sign-out', cookies });
    advance(60_000);
    await staffCookie(t.app, t.services, staff, clock); // absolute timeout 10 h: ended 15 h before the purge
    advance(25 * 60 * 60_000 - 120_000);
    expect(await purgeEndedSessions(t.services.db, clock)).toBeGreaterThan(0);
    const left = await t.services.db.execute(
      sql`select count(*)::int as n from sessions where principal_id = ${staff.staff.id}`,
    );
    expect((left.rows[0] as { n: number }).n).toBeGreaterThan(0);
  });
});

describe('a 足立区 screener and 板橋区 rows through the API', () => {
  it('reads its own municipality’s household and is refused 板橋区’s, for reading and for changing', async () => {
    const adachi = await makeHouseholdWithChild(t.services, { municipalityCode: ADACHI });
    const itabashi = await makeHouseholdWithChild(t.services, { municipalityCode: ITABASHI, childName: '板橋 三郎' });
    const screener = await makeStaff(t.services, { municipalityCode: ADACHI, roles: ['nursery-screener'] });
    advance(60_000);
    const cookies = await staffCookie(t.app, t.services, screener, clock);

    const own = await t.app.inject({ url: `/api/v1/staff/households/${adachi.parent.householdId}`, cookies });
    expect(own.statusCode).toBe(200);

    const read = await t.app.inject({ url: `/api/v1/staff/households/${itabashi.parent.householdId}`, cookies });
    expect(read.statusCode).toBe(403);
    expect(read.body).not.toContain('板橋 三郎');

    const change = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/children/${itabashi.child.id}`,
      cookies,
      payload: { name: '書き換え' },
    });
    expect(change.statusCode).toBe(403);
    const [row] = (await t.services.db.execute(sql`select name from children where id = ${itabashi.child.id}`)).rows;
    expect(row).toEqual({ name: '板橋 三郎' });

    const denials = await t.services.db.execute(
      sql`select action from audit_events where actor_id = ${screener.staff.id} and outcome = 'denied' order by id`,
    );
    expect(denials.rows).toEqual([{ action: 'household.read' }, { action: 'child.update' }]);
  });
});

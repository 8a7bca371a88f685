import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { staffCookie } from '../identity/index.ts';
import { DEMO_STAFF_PASSWORD, DEMO_TOTP_SECRET } from '../identity/use-cases/seed-demo-staff.ts';
import {
  DEMO_COUNSELLOR_EMAIL,
  DEMO_NURSERY_STAFF_EMAIL,
  seedDemoHokatsuStaff,
} from './use-cases/seed-demo-hokatsu-staff.ts';
import { seedDemoNurseries } from './use-cases/seed-demo-nurseries.ts';

let t: TestContext;

beforeAll(async () => {
  t = await createTestApp({ config: { mode: 'demo' } });
});
afterAll(async () => {
  await t.close();
});

describe('demo hokatsu staff', () => {
  it('creates a nursery-staff account bound to the demo nursery and a 八王子市 counsellor, once', async () => {
    await seedDemoNurseries(t.services);
    expect(await seedDemoHokatsuStaff(t.services)).toMatch(/^2 demo hokatsu staff/);
    expect(await seedDemoHokatsuStaff(t.services)).toMatch(/^0 demo hokatsu staff/);

    const demo = { password: DEMO_STAFF_PASSWORD, totpSecret: DEMO_TOTP_SECRET };
    const nursery = await staffCookie(t.app, t.services, { email: DEMO_NURSERY_STAFF_EMAIL, ...demo });
    const tours = await t.app.inject({ url: '/nursery', cookies: { ...nursery, lang: 'ja' } });
    expect(tours.statusCode).toBe(200);
    expect(tours.body).toContain('ひだまり保育園（架空）');

    const counsellor = await staffCookie(t.app, t.services, { email: DEMO_COUNSELLOR_EMAIL, ...demo });
    const console = await t.app.inject({ url: '/staff/hokatsu/consultations', cookies: { ...counsellor, lang: 'en' } });
    expect(console.statusCode).toBe(200);
    expect(console.body).toContain('Publish slots');
  });
});

import { and, eq } from 'drizzle-orm';
import type { AppServices } from '../../../platform/services.ts';
import { ensureDemoStaffAccount } from '../../identity/index.ts';
import { nurseries } from '../hokatsu.tables.ts';

const HACHIOJI = '132012';
export const DEMO_NURSERY_STAFF_EMAIL = 'staff@hachioji-nursery.demo.tsunagu.example';
export const DEMO_COUNSELLOR_EMAIL = 'counsellor@hachioji.demo.tsunagu.example';

/**
 * Demo mode only, after the demo nurseries: a nursery-staff account bound to the fictional ひだまり保育園 (visit tours
 * at /nursery) and a 八王子市 counsellor who screens applications and runs consultations (/staff/hokatsu). Both use
 * the demo staff password and TOTP secret printed by identity's seed.
 */
export async function seedDemoHokatsuStaff(services: AppServices): Promise<string> {
  if (services.config.mode !== 'demo') return 'demo hokatsu staff skipped (not in demo mode)';
  const [nursery] = await services.db
    .select({ id: nurseries.id })
    .from(nurseries)
    .where(
      and(
        eq(nurseries.municipalityCode, HACHIOJI),
        eq(nurseries.source, 'demo'),
        eq(nurseries.name, 'ひだまり保育園（架空）'),
      ),
    );
  let created = 0;
  if (nursery) {
    const made = await ensureDemoStaffAccount(services, {
      email: DEMO_NURSERY_STAFF_EMAIL,
      displayName: 'ひだまり保育園（架空） 職員',
      municipalityCode: HACHIOJI,
      roles: [],
      nurseryId: nursery.id,
    });
    if (made) created++;
  }
  const counsellor = await ensureDemoStaffAccount(services, {
    email: DEMO_COUNSELLOR_EMAIL,
    displayName: '八王子 保活相談員',
    municipalityCode: HACHIOJI,
    // nursery-screener holds nursery-consultation.manage as well as screening and allocation.
    roles: ['nursery-screener'],
  });
  if (counsellor) created++;
  return `${created} demo hokatsu staff account(s) created: ${DEMO_NURSERY_STAFF_EMAIL} (nursery staff, /nursery), ${DEMO_COUNSELLOR_EMAIL} (八王子市 counsellor and screener, /staff/hokatsu)`;
}

import type { AppServices } from '../../../platform/services.ts';
import { subsidySchemes } from '../health.tables.ts';
import { DEMO_SCHEMES } from '../subsidies/demo-schemes.ts';

export async function seedDemoSchemes(services: AppServices): Promise<string> {
  const inserted = await services.db
    .insert(subsidySchemes)
    .values(DEMO_SCHEMES)
    .onConflictDoNothing({ target: [subsidySchemes.municipalityCode, subsidySchemes.insurerNumber] })
    .returning({ id: subsidySchemes.id });
  return `${DEMO_SCHEMES.length} medical-subsidy schemes (${inserted.length} new)`;
}

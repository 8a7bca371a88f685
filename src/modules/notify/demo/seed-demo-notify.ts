import { sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { AppServices } from '../../../platform/services.ts';
import { makeParent, readHouseholdAsSystem, registerChild } from '../../identity/index.ts';
import { enqueueDueSends } from '../delivery/enqueue-sends.ts';
import { LOCAL_LINE_ACCESS_TOKEN, LOCAL_LINE_CHANNEL_SECRET } from '../local-servers/local-line-server.ts';
import { currentTokyoMonth } from '../notify.commands.ts';
import { planMonthlyDigest } from '../planning/plan-monthly-digest.ts';
import { demoLineUserId } from '../use-cases/link-line-account.ts';
import { startDemoLocalServers } from './demo-local-servers.ts';

export const DEMO_MUNICIPALITY = '131237'; // 江戸川区
export const DEMO_LINE_CHANNEL_ID = 'demo-131237';
export const DEMO_PARENT_SUBJECT = 'demo-resident-0006';

/**
 * The notify demo: 江戸川区's LINE official account pointing at the local LINE server, the demo resident
 * 江戸川 さくら (demo card: demo-resident-0006) with a child who is 3 months old this month, linked to a LINE user on
 * the local server, and this month's digest planned for 江戸川区 (inbox at once; LINE and e-mail through the queue).
 * Idempotent: the second run finds everything in place and plans nothing new.
 */
export async function seedDemoNotify(services: AppServices): Promise<string> {
  const servers = await startDemoLocalServers(services);
  const family = await seedDemoFamily(services);
  return `江戸川区 LINE channel → ${services.config.notify.lineApiBaseUrl}; demo parent 江戸川 さくら (${DEMO_PARENT_SUBJECT}) with a 3-month-old; ${family.planned} digest messages planned for ${family.month}; ${servers}`;
}

/** The demo data without the local servers (the browser test brings its own LINE server on a free port). */
export async function seedDemoFamily(services: AppServices) {
  await services.db.execute(sql`
    insert into notify_line_channels (municipality_code, channel_id, channel_secret, access_token)
    values (${DEMO_MUNICIPALITY}, ${DEMO_LINE_CHANNEL_ID}, ${LOCAL_LINE_CHANNEL_SECRET}, ${LOCAL_LINE_ACCESS_TOKEN})
    on conflict (municipality_code) do nothing`);

  const { parent, actor } = await makeParent(services, {
    municipalityCode: DEMO_MUNICIPALITY,
    name: '江戸川 さくら',
    subject: DEMO_PARENT_SUBJECT,
    issuer: `${services.config.baseUrl}/demo-card`,
  });
  const household = await readHouseholdAsSystem(services, {
    householdId: parent.householdId,
    purpose: 'notify demo data: does the demo family have its child yet',
  });
  if (!household?.children.length) {
    const today = Temporal.Now.plainDateISO('Asia/Tokyo');
    await registerChild(
      { services, actor },
      {
        name: '江戸川 ひなた',
        nameKana: 'エドガワ ヒナタ',
        birthDate: today.subtract({ months: 3 }).with({ day: 10 }).toString(),
        sex: 'female',
        relationship: 'mother',
      },
    );
  }
  await services.db.execute(sql`
    insert into notify_endpoints (parent_id, household_id, municipality_code, channel, address_key, address)
    values (${parent.id}, ${parent.householdId}, ${DEMO_MUNICIPALITY}, 'line', ${demoLineUserId(parent.id)},
            ${JSON.stringify({ lineChannelId: DEMO_LINE_CHANNEL_ID })}::jsonb),
           (${parent.id}, ${parent.householdId}, ${DEMO_MUNICIPALITY}, 'email', 'sakura.edogawa@demo.tsunagu.example', '{}'::jsonb)
    on conflict (parent_id, channel, address_key) do nothing`);

  const month = currentTokyoMonth(services.now());
  const planned = await planMonthlyDigest(services, { month, municipalityCode: DEMO_MUNICIPALITY });
  await enqueueDueSends(services, services.db);
  return { parent, month, planned: planned.childMessages + planned.pregnancyMessages };
}

import { sql } from 'drizzle-orm';
import type { AppServices } from '../../../platform/services.ts';
import { makeParent, registerChild } from '../../identity/index.ts';

/** A parent with one child born on `birthDate` in `municipalityCode`, for notify's tests and benches. */
export async function makeFamily(
  services: AppServices,
  options: { municipalityCode: string; birthDate: string; childName?: string },
) {
  const { parent, actor } = await makeParent(services, { municipalityCode: options.municipalityCode });
  const child = await registerChild(
    { services, actor },
    {
      name: options.childName ?? 'テスト はな',
      nameKana: 'テスト ハナ',
      birthDate: options.birthDate,
      sex: 'female',
      relationship: 'mother',
    },
  );
  return { parent, actor, child };
}

/** An outside endpoint for a parent (what LINE linking, a push subscription or the e-mail form would store). */
export async function addEndpoint(
  services: AppServices,
  parent: { id: string; householdId: string; municipalityCode: string },
  channel: 'line' | 'web-push' | 'email' | 'webhook',
  addressKey: string,
  address: Record<string, unknown> = {},
): Promise<string> {
  const result = await services.db.execute<{ id: string }>(sql`
    insert into notify_endpoints (parent_id, household_id, municipality_code, channel, address_key, address)
    values (${parent.id}, ${parent.householdId}, ${parent.municipalityCode}, ${channel}, ${addressKey}, ${JSON.stringify(address)}::jsonb)
    on conflict (parent_id, channel, address_key) do update set status = 'active'
    returning id`);
  return result.rows[0]!.id;
}

import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/access/actor.ts';
import type { StaffRole } from '../../../platform/access/staff-roles.ts';
import type { AppServices } from '../../../platform/services.ts';
import { findMunicipality } from '../../municipalities/index.ts';
import type { ParentRow } from '../repositories/household.repository.ts';
import { registerChild } from '../use-cases/register-child.ts';
import { signInParent } from '../use-cases/sign-in-parent.ts';

// Typed factories for tests: each test makes its own people; nothing depends on seed rows.

export function parentActor(parent: ParentRow): Actor {
  return {
    type: 'parent',
    id: parent.id,
    householdId: parent.householdId,
    municipalityCode: parent.municipalityCode,
  };
}

export async function makeParent(
  services: AppServices,
  options: { municipalityCode?: string; name?: string; subject?: string; issuer?: string } = {},
): Promise<{ parent: ParentRow; actor: Actor }> {
  const municipality = findMunicipality(options.municipalityCode ?? '131199');
  if (!municipality) throw new Error(`unknown municipality ${options.municipalityCode}`);
  const { parent } = await signInParent(services, {
    issuer: options.issuer ?? 'https://card.test',
    subject: options.subject ?? randomUUID(),
    name: options.name ?? 'テスト 花子',
    birthDate: '1990-05-01',
    address: `東京都${municipality.name}1丁目1番1号`,
    sex: 'female',
  });
  return { parent, actor: parentActor(parent) };
}

export async function makeHouseholdWithChild(
  services: AppServices,
  options: { municipalityCode?: string; childName?: string } = {},
) {
  const { parent, actor } = await makeParent(services, options);
  const child = await registerChild(
    { services, actor },
    {
      name: options.childName ?? 'テスト 太郎',
      nameKana: 'テスト タロウ',
      birthDate: '2023-04-10',
      sex: 'male',
      relationship: 'mother',
    },
  );
  return { parent, actor, child };
}

/** A staff actor without an account row: enough for permission and scope tests. */
export function staffActor(municipalityCode: string, roles: StaffRole[]): Actor {
  return { type: 'staff', id: randomUUID(), municipalityCode, roles };
}

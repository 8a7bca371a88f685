import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../platform/access/actor.ts';
import type { StaffRole } from '../../../platform/access/staff-roles.ts';
import type { AppServices } from '../../../platform/services.ts';
import { findMunicipality } from '../../municipalities/index.ts';
import type { ParentRow } from '../repositories/household.repository.ts';
import { SESSION_COOKIE } from '../sessions/auth-hook.ts';
import { createSession } from '../sessions/session-store.ts';
import { totpCode } from '../staff/totp.ts';
import { createActiveStaff } from '../use-cases/create-staff-account.ts';
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

/** A signed session cookie for a parent, as after a card sign-in (for API tests that are not about sign-in). */
export async function parentCookie(app: FastifyInstance, services: AppServices, parent: ParentRow) {
  const { token } = await createSession(services.db, {
    principalType: 'parent',
    principalId: parent.id,
    stage: 'active',
    now: services.now(),
  });
  return { [SESSION_COOKIE]: app.signCookie(token) };
}

/** Signs a staff member in through the real API (password, then TOTP) and returns the session cookie. */
export async function staffCookie(
  app: FastifyInstance,
  services: AppServices,
  staff: { email: string; password: string; totpSecret: string },
  at: Date = services.now(),
) {
  const step1 = await app.inject({
    method: 'POST',
    url: '/api/v1/staff/sign-in',
    payload: { email: staff.email, password: staff.password },
  });
  if (step1.statusCode !== 200) throw new Error(`password step failed: ${step1.body}`);
  const pending = step1.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
  const step2 = await app.inject({
    method: 'POST',
    url: '/api/v1/staff/sign-in/totp',
    cookies: { [SESSION_COOKIE]: pending },
    payload: { code: totpCode(staff.totpSecret, at) },
  });
  if (step2.statusCode !== 200) throw new Error(`TOTP step failed: ${step2.body}`);
  return { [SESSION_COOKIE]: step2.cookies.find((c) => c.name === SESSION_COOKIE)!.value };
}

export async function makeStaff(
  services: AppServices,
  options: { municipalityCode: string; roles: StaffRole[]; email?: string; kind?: 'clinic'; institutionCode?: string },
) {
  const password = 'correct horse battery staple';
  const email = options.email ?? `staff-${randomUUID().slice(0, 8)}@example.jp`;
  const { staff, totpSecret } = await createActiveStaff(services, {
    email,
    displayName: 'テスト 職員',
    municipalityCode: options.municipalityCode,
    roles: options.roles,
    password,
    ...(options.kind ? { kind: options.kind, institutionCode: options.institutionCode } : {}),
  });
  return { staff, email, password, totpSecret };
}

import { SYSTEM_ACTOR } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { municipalityFromAddress } from '../municipality-from-address.ts';
import {
  findParentBySubject,
  insertHousehold,
  insertParent,
  type ParentRow,
  updateParentIdentity,
  type VerifiedIdentity,
} from '../repositories/household.repository.ts';
import { todayInTokyo } from './today.ts';

/**
 * After the card authority verified a person: the first sign-in creates the parent and their household (living in
 * the municipality of the verified address since today), later ones match on (issuer, subject) and refresh the
 * verified attributes. Everything in one transaction, so a failed sign-in leaves nothing behind.
 */
export async function signInParent(
  services: AppServices,
  identity: VerifiedIdentity,
  context: { requestId?: string | null } = {},
): Promise<{ parent: ParentRow; created: boolean }> {
  const now = services.now();
  return withTenantScope(services.db, { kind: 'all' }, async (tx) => {
    const existing = await findParentBySubject(tx, identity.issuer, identity.subject);
    if (existing) {
      const parent = await updateParentIdentity(tx, existing.id, {
        name: identity.name,
        birthDate: identity.birthDate,
        address: identity.address,
        sex: identity.sex,
        verifiedAt: now,
      });
      await recordAudit(tx, {
        actor: { type: 'parent', id: parent.id },
        action: 'parent.sign-in',
        resource: { type: 'parent', id: parent.id },
        municipalityCode: parent.municipalityCode,
        purpose: 'sign-in with the card',
        outcome: 'success',
        requestId: context.requestId,
      });
      return { parent, created: false };
    }
    const municipalityCode = municipalityFromAddress(identity.address);
    if (!municipalityCode) {
      await recordAudit(services.db, {
        actor: SYSTEM_ACTOR,
        action: 'parent.sign-in',
        resource: { type: 'parent' },
        purpose: 'sign-in with the card',
        outcome: 'denied',
        requestId: context.requestId,
        detail: { reason: 'address-outside-tokyo' },
      });
      throw new AppError('outside-tokyo', 403, {
        en: 'Your verified address is not in Tokyo, so Tsunagu cannot serve you.',
        ja: '確認された住所が東京都内ではないため、つなぐをご利用いただけません。',
      });
    }
    const householdId = await insertHousehold(tx, {
      municipalityCode,
      movedInOn: todayInTokyo(now).toString(),
    });
    const parent = await insertParent(tx, { ...identity, householdId, municipalityCode, verifiedAt: now });
    await recordAudit(tx, {
      actor: { type: 'parent', id: parent.id },
      action: 'parent.register',
      resource: { type: 'parent', id: parent.id },
      municipalityCode,
      purpose: 'first sign-in with the card',
      outcome: 'success',
      requestId: context.requestId,
    });
    return { parent, created: true };
  });
}

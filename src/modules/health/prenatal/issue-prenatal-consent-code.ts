import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { getHousehold, type UseCaseContext } from '../../identity/index.ts';
import { prenatalConsentCodes } from '../clinic/clinic.tables.ts';
import { CONSENT_CODE_TTL_MS, formatShortCode, newShortCode } from '../clinic/consent-token.ts';
import { PRENATAL_PURPOSE, prenatalKey, signPrenatalToken } from './prenatal-consent-token.ts';

export interface IssuedPrenatalCode {
  token: string;
  shortCode: string;
  qrSvg: string;
  expectedDeliveryDate: string;
  purpose: typeof PRENATAL_PURPOSE;
  expiresAt: string;
}

/**
 * The expecting parent opens a one-time code for a 妊婦健診: one pregnancy of their household that is still
 * `expecting`, five minutes, used once. Only the parent the pregnancy belongs to may open it (a partner in the same
 * household cannot share someone else's check-up data). Audited on the pregnancy.
 */
export async function issuePrenatalConsentCode(
  ctx: UseCaseContext,
  input: { pregnancyId: string },
): Promise<IssuedPrenatalCode> {
  const { services, actor } = ctx;
  if (actor.type !== 'parent' || !actor.householdId || !actor.id) {
    throw new AppError('forbidden', 403, { en: 'Only a parent can open a code.', ja: '保護者のみ操作できます。' });
  }
  const household = await getHousehold(ctx, { householdId: actor.householdId, purpose: 'open a 妊婦健診 code' });
  const pregnancy = household.pregnancies.find(
    (p) => p.id === input.pregnancyId && p.parentId === actor.id && p.status === 'expecting',
  );
  if (!pregnancy) {
    throw notFound({
      en: 'No such ongoing pregnancy of yours in your household.',
      ja: 'あなたの妊娠の登録が見つかりません。',
    });
  }
  const parent = household.parents.find((p) => p.id === actor.id);
  const id = randomUUID();
  const now = services.now();
  const expiresAt = new Date(now.getTime() + CONSENT_CODE_TTL_MS);
  const shortCode = newShortCode();
  const token = signPrenatalToken(await prenatalKey(services), {
    id,
    purpose: PRENATAL_PURPOSE,
    exp: expiresAt.getTime(),
  });
  await withTenantScope(services.db, { kind: 'household', householdId: actor.householdId }, async (tx) => {
    await tx.insert(prenatalConsentCodes).values({
      id,
      shortCode,
      pregnancyId: pregnancy.id,
      householdId: actor.householdId!,
      municipalityCode: pregnancy.municipalityCode,
      expecting: {
        name: parent?.name ?? '',
        birthDate: parent?.birthDate ?? null,
        expectedDeliveryDate: pregnancy.expectedDeliveryDate,
      },
      expiresAt,
      createdBy: actor.id!,
      createdAt: now,
    });
    await recordAudit(tx, {
      actor,
      action: 'health-consent.open',
      resource: { type: 'pregnancy', id: pregnancy.id },
      municipalityCode: pregnancy.municipalityCode,
      purpose: `consent code for a clinic (${PRENATAL_PURPOSE})`,
      outcome: 'success',
      requestId: ctx.requestId ?? null,
    });
  });
  const qrSvg = await QRCode.toString(token, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return {
    token,
    shortCode: formatShortCode(shortCode),
    qrSvg,
    expectedDeliveryDate: pregnancy.expectedDeliveryDate,
    purpose: PRENATAL_PURPOSE,
    expiresAt: expiresAt.toISOString(),
  };
}

import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { getHousehold, type UseCaseContext } from '../../identity/index.ts';
import { consentCodes } from './clinic.tables.ts';
import {
  CONSENT_CODE_TTL_MS,
  type ConsentPurpose,
  formatShortCode,
  newShortCode,
  signConsentToken,
} from './consent-token.ts';
import { consentKey } from './signing-key.ts';

export interface IssuedConsentCode {
  token: string;
  shortCode: string;
  /** The token as a QR code, an SVG document rendered on the server (no script needed on the phone). */
  qrSvg: string;
  childName: string;
  purpose: ConsentPurpose;
  expiresAt: string;
}

const notYourChild = () => notFound({ en: 'No such child in your household.', ja: 'この子どもは世帯にいません。' });

/**
 * The parent opens a one-time code for a clinic: one child, one purpose, five minutes. Opening it is the consent for
 * that visit; the code is the only thing the clinic needs, and it works once.
 */
export async function issueConsentCode(
  ctx: UseCaseContext,
  input: { childId: string; purpose: ConsentPurpose },
): Promise<IssuedConsentCode> {
  const { services, actor } = ctx;
  if (actor.type !== 'parent' || !actor.householdId || !actor.id) {
    throw new AppError('forbidden', 403, { en: 'Only a parent can open a code.', ja: '保護者のみ操作できます。' });
  }
  const household = await getHousehold(ctx, { householdId: actor.householdId, purpose: 'open a consent code' });
  const child = household.children.find((c) => c.id === input.childId);
  if (!child) throw notYourChild();
  const id = randomUUID();
  const now = services.now();
  const expiresAt = new Date(now.getTime() + CONSENT_CODE_TTL_MS);
  const shortCode = newShortCode();
  const token = signConsentToken(await consentKey(services), { id, purpose: input.purpose, exp: expiresAt.getTime() });
  await withTenantScope(services.db, { kind: 'household', householdId: actor.householdId }, async (tx) => {
    await tx.insert(consentCodes).values({
      id,
      shortCode,
      childId: child.id,
      householdId: actor.householdId!,
      municipalityCode: child.municipalityCode,
      purpose: input.purpose,
      child: { name: child.name, nameKana: child.nameKana, birthDate: child.birthDate, sex: child.sex },
      expiresAt,
      createdBy: actor.id!,
      createdAt: now,
    });
    await recordAudit(tx, {
      actor,
      action: 'health-consent.open',
      resource: { type: 'child', id: child.id },
      municipalityCode: child.municipalityCode,
      purpose: `consent code for a clinic (${input.purpose})`,
      outcome: 'success',
      requestId: ctx.requestId ?? null,
    });
  });
  const qrSvg = await QRCode.toString(token, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return {
    token,
    shortCode: formatShortCode(shortCode),
    qrSvg,
    childName: child.name,
    purpose: input.purpose,
    expiresAt: expiresAt.toISOString(),
  };
}

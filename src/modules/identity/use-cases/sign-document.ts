import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { notAParent } from '../household-errors.ts';
import { findHousehold } from '../repositories/household.repository.ts';
import type { SignatureService } from '../signatures/signature-service.ts';
import type { UseCaseContext } from './use-case-context.ts';

const signingUnavailable = () =>
  new AppError('signing-unavailable', 503, {
    en: 'Signing with the card is done in the card authority’s app; this server only signs in demo mode.',
    ja: 'カードによる署名は認証アプリで行います。このサーバーで署名できるのはデモ環境のみです。',
  });

/**
 * The parent signs a document digest with their card's signing certificate. In demo mode the demo card authority
 * holds each resident's key; with a real card the signature is made on the phone and only verified here.
 */
export async function signDocument(ctx: UseCaseContext, signatures: SignatureService, input: { digest: Buffer }) {
  const { services, actor, requestId } = ctx;
  if (actor.type !== 'parent' || !actor.id || !actor.householdId) throw notAParent();
  const ca = signatures.demoCa();
  if (!ca) throw signingUnavailable();
  const parentId = actor.id;
  const householdId = actor.householdId;
  const scope = await authorize({ db: services.db, requestId }, actor, 'signature.create', { householdId });
  return withTenantScope(services.db, scope, async (tx) => {
    const household = await findHousehold(tx, householdId);
    const parent = household?.parents.find((p) => p.id === parentId);
    if (!parent) throw notAParent();
    const now = services.now();
    const authority = await ca;
    const signed = await authority.signAs(
      parent.id,
      `CN=${parent.name.replaceAll(/[,=+<>#;\\"]/g, ' ')}`,
      now,
      new Uint8Array(input.digest),
    );
    await recordAudit(tx, {
      actor,
      action: 'signature.create',
      resource: { type: 'parent', id: parent.id },
      municipalityCode: parent.municipalityCode,
      purpose: 'parent signs a document',
      outcome: 'success',
      requestId,
      detail: { certificateSerial: signed.serialNumber },
    });
    return {
      algorithm: 'ES256' as const,
      signature: signed.signature.toString('base64'),
      certificateChain: [signed.certificatePem, authority.root.toString('pem')],
      signedAt: now.toISOString(),
    };
  });
}

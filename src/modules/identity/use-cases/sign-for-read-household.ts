import type { Actor } from '../../../platform/access/actor.ts';
import type { AuditEntry } from '../../../platform/audit/record-audit.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { notAParent } from '../household-errors.ts';
import type { HouseholdView } from '../identity.schemas.ts';
import type { SignatureService } from '../signatures/signature-service.ts';

const signingUnavailable = () =>
  new AppError('signing-unavailable', 503, {
    en: 'Signing with the card is done in the card authority’s app; this server only signs in demo mode.',
    ja: 'カードによる署名は認証アプリで行います。このサーバーで署名できるのはデモ環境のみです。',
  });

/**
 * `signDocument` for a caller that has just read the signing parent's own household in the same request (through
 * `getHousehold`: authorized, scoped, audited). The parent's name comes from that read instead of a second one,
 * and the `signature.create` audit entry is handed back for the caller to write in the transaction that stores the
 * signed document (one round trip, and the record exists exactly when the stored signature does).
 * Added for the benefits application, which signs on every submission.
 */
export async function signForReadHousehold(
  signatures: SignatureService,
  input: { actor: Actor; household: HouseholdView; digest: Buffer; now: Date; requestId?: string | null },
) {
  const { actor, household } = input;
  if (actor.type !== 'parent' || !actor.id || actor.householdId !== household.id) throw notAParent();
  const parent = household.parents.find((p) => p.id === actor.id);
  if (!parent) throw notAParent();
  const ca = signatures.demoCa();
  if (!ca) throw signingUnavailable();
  const authority = await ca;
  const signed = await authority.signAs(
    parent.id,
    `CN=${parent.name.replaceAll(/[,=+<>#;\\"]/g, ' ')}`,
    input.now,
    new Uint8Array(input.digest),
  );
  const audit: AuditEntry = {
    actor,
    action: 'signature.create',
    resource: { type: 'parent', id: parent.id },
    municipalityCode: household.municipalityCode,
    purpose: 'parent signs a document',
    outcome: 'success',
    requestId: input.requestId ?? null,
    detail: { certificateSerial: signed.serialNumber },
  };
  return {
    algorithm: 'ES256' as const,
    signature: signed.signature.toString('base64'),
    // The signer's certificate only: the verifier builds the chain to its own trust anchors.
    certificateChain: [signed.certificatePem],
    signedAt: input.now.toISOString(),
    audit,
  };
}

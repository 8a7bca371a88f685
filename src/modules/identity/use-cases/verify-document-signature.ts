import { AppError } from '../../../platform/http/app-error.ts';
import type { SignatureService } from '../signatures/signature-service.ts';
import { type SignatureFailure, verifyDocumentSignature } from '../signatures/verify-signature.ts';

const MESSAGES: Record<SignatureFailure, { en: string; ja: string }> = {
  'signature-malformed': {
    en: 'The signature or certificates cannot be read.',
    ja: '署名または証明書を読み取れません。',
  },
  'signature-invalid': {
    en: 'The signature does not match this document: it was changed after signing, or signed by another key.',
    ja: '署名がこの文書と一致しません（署名後に文書が変更されたか、別の鍵で署名されています）。',
  },
  'certificate-expired': { en: 'The signing certificate has expired.', ja: '署名用証明書の有効期限が切れています。' },
  'certificate-not-yet-valid': {
    en: 'The signing certificate is not valid yet.',
    ja: '署名用証明書はまだ有効ではありません。',
  },
  'certificate-revoked': { en: 'The signing certificate has been revoked.', ja: '署名用証明書は失効しています。' },
  'untrusted-chain': {
    en: 'The signing certificate was not issued by a trusted authority.',
    ja: '署名用証明書は信頼された認証局が発行したものではありません。',
  },
  'wrong-key-usage': {
    en: 'The certificate is not allowed to make signatures.',
    ja: 'この証明書は署名に使用できません。',
  },
  'revocation-unknown': {
    en: 'Whether the certificate was revoked cannot be checked right now (no current revocation list).',
    ja: '証明書の失効状況を確認できません（最新の失効リストがありません）。',
  },
};

/** Checks a signed digest; any failure becomes a 422 problem whose code says which check failed. */
export async function verifySignedDigest(
  signatures: SignatureService,
  input: { digest: string; signature: string; certificateChain: string[] },
  at: Date,
) {
  const result = await verifyDocumentSignature(
    {
      digest: new Uint8Array(Buffer.from(input.digest, 'base64')),
      signature: new Uint8Array(Buffer.from(input.signature, 'base64')),
      chain: input.certificateChain,
    },
    await signatures.trustStore(),
    at,
  );
  if (!result.valid) throw new AppError(result.code, 422, MESSAGES[result.code]);
  return { valid: true as const, signer: { ...result.signer, notAfter: result.signer.notAfter.toISOString() } };
}

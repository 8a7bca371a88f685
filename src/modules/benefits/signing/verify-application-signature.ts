import { type KeyObject, verify as verifyNative, X509Certificate } from 'node:crypto';
import { type TrustStore, verifyDocumentSignature } from '../../identity/index.ts';

type VerificationResult = Awaited<ReturnType<typeof verifyDocumentSignature>>;
type SignedDigest = Parameters<typeof verifyDocumentSignature>[0];

/**
 * A signer's certificate path that identity's full verifier accepted against one trust store: chain to an anchor,
 * key usage, not revoked on the CRLs of that store. The path's answer only changes with the time (validity dates,
 * a revocation dated in the future) or with the trust store (a new CRL), so it is kept per trust store object and
 * used only inside `[from, until)`.
 */
interface ValidatedPath {
  key: KeyObject;
  /** node:crypto wants the ECDSA signature format spelled out; WebCrypto (the signer) writes r‖s. */
  ecdsa: boolean;
  from: number;
  until: number;
  signer: { subject: string; serialNumber: string; notAfter: Date };
}

/** Card holders of one trust store's lifetime (≤ 5 minutes, see card-trust.ts); oldest are dropped beyond this. */
const MAX_PATHS = 20_000;
const paths = new WeakMap<TrustStore, Map<string, ValidatedPath>>();

function pathWindow(chain: readonly string[], trust: TrustStore, at: number): { from: number; until: number } {
  let from = Number.NEGATIVE_INFINITY;
  let until = Number.POSITIVE_INFINITY;
  for (const pem of chain) {
    const cert = new X509Certificate(pem);
    from = Math.max(from, Date.parse(cert.validFrom));
    until = Math.min(until, Date.parse(cert.validTo));
  }
  for (const anchor of trust.anchors) {
    from = Math.max(from, anchor.notBefore.getTime());
    until = Math.min(until, anchor.notAfter.getTime());
  }
  // A revocation the CRL dates after `at` is not in force yet; the cached answer must end when it starts.
  for (const crl of trust.crls) {
    for (const entry of crl.entries) {
      const revokedAt = entry.revocationDate.getTime();
      if (revokedAt > at) until = Math.min(until, revokedAt);
    }
    if (crl.nextUpdate) until = Math.min(until, crl.nextUpdate.getTime());
  }
  return { from, until };
}

/**
 * Verifies an application's card signature with the same answer as identity's `verifyDocumentSignature`, which it
 * runs in full the first time a certificate path is seen with a trust store. After that, while the store (its
 * CRLs) and the validity dates are unchanged, only the signature over the digest is checked, natively by
 * node:crypto: path building and CRL checks in @peculiar/x509 were ≈ 15 % of the server's CPU per application, and
 * for a card that signs again they would repeat the same work with the same result.
 */
export async function verifyApplicationSignature(
  input: SignedDigest,
  trust: TrustStore,
  at: Date,
): Promise<VerificationResult> {
  const cacheKey = input.chain.join('\n');
  let known = paths.get(trust);
  const cached = known?.get(cacheKey);
  const now = at.getTime();
  if (cached && now >= cached.from && now < cached.until) {
    if (input.digest.length !== 32) return { valid: false, code: 'signature-malformed' };
    let ok = false;
    try {
      ok = verifyNative(
        'sha256',
        input.digest,
        cached.ecdsa ? { key: cached.key, dsaEncoding: 'ieee-p1363' } : cached.key,
        input.signature,
      );
    } catch {
      ok = false;
    }
    return ok ? { valid: true, signer: cached.signer } : { valid: false, code: 'signature-invalid' };
  }

  const result = await verifyDocumentSignature(input, trust, at);
  // Only an accepted path is kept: every failure is answered by the full verifier each time.
  if (result.valid) {
    const leaf = new X509Certificate(input.chain[0]!);
    const window = pathWindow(input.chain, trust, now);
    if (!known) {
      known = new Map();
      paths.set(trust, known);
    }
    if (known.size >= MAX_PATHS) known.delete(known.keys().next().value!);
    known.set(cacheKey, {
      key: leaf.publicKey,
      ecdsa: leaf.publicKey.asymmetricKeyType === 'ec',
      ...window,
      signer: result.signer,
    });
  }
  return result;
}

import { webcrypto } from 'node:crypto';
import { x509 } from './x509-crypto.ts';

/** Each way a signature can fail, with its own stable code (what a reviewing clerk is told differs for each). */
export type SignatureFailure =
  | 'signature-malformed'
  | 'signature-invalid'
  | 'certificate-expired'
  | 'certificate-not-yet-valid'
  | 'certificate-revoked'
  | 'untrusted-chain'
  | 'wrong-key-usage'
  | 'revocation-unknown';

export interface TrustStore {
  anchors: readonly x509.X509Certificate[];
  crls: readonly x509.X509Crl[];
}

export interface SignedDigest {
  /** SHA-256 of the document; this 32-byte value is the signed message. */
  digest: Uint8Array;
  signature: Uint8Array;
  /** Signer's certificate first, then any intermediates (PEM). The root may be included; trust comes from anchors. */
  chain: readonly string[];
}

export type VerificationResult =
  | { valid: true; signer: { subject: string; serialNumber: string; notAfter: Date } }
  | { valid: false; code: SignatureFailure };

const fail = (code: SignatureFailure): VerificationResult => ({ valid: false, code });

async function sameCertificate(a: x509.X509Certificate, b: x509.X509Certificate): Promise<boolean> {
  return Buffer.from(await a.getThumbprint()).equals(Buffer.from(await b.getThumbprint()));
}

function keyUsages(cert: x509.X509Certificate): number | undefined {
  return cert.getExtension(x509.KeyUsagesExtension)?.usages;
}

async function verifyMessage(cert: x509.X509Certificate, signature: Uint8Array, message: Uint8Array) {
  const algorithm = cert.publicKey.algorithm as { name: string; namedCurve?: string };
  const params =
    algorithm.name === 'ECDSA'
      ? { name: 'ECDSA', namedCurve: algorithm.namedCurve ?? 'P-256', hash: 'SHA-256' }
      : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const key = await cert.publicKey.export(params, ['verify']);
  return webcrypto.subtle.verify(params, key as webcrypto.CryptoKey, signature, message);
}

/**
 * Verifies a signature over a document digest the way a reviewer must: the signer's certificate chains to one of
 * the configured trust anchors, every certificate is within its validity dates at `at`, the signer's key may sign
 * (digitalSignature or nonRepudiation) and the issuers may issue, nothing in the chain is on its issuer's CRL, and
 * finally the signature matches the digest (a changed document fails here).
 */
export async function verifyDocumentSignature(
  input: SignedDigest,
  trust: TrustStore,
  at: Date,
): Promise<VerificationResult> {
  let certificates: x509.X509Certificate[];
  try {
    certificates = input.chain.map((pem) => new x509.X509Certificate(pem));
  } catch {
    return fail('signature-malformed');
  }
  const leaf = certificates[0];
  if (!leaf || input.digest.length !== 32) return fail('signature-malformed');

  const built = await new x509.X509ChainBuilder({ certificates: [...certificates.slice(1), ...trust.anchors] }).build(
    leaf,
  );
  const top = built.at(-1);
  const anchored = top ? await Promise.all(trust.anchors.map((anchor) => sameCertificate(anchor, top))) : [];
  if (!top || !anchored.includes(true)) return fail('untrusted-chain');
  for (let i = 0; i < built.length; i++) {
    const cert = built[i]!;
    const issuer = built[i + 1] ?? cert;
    if (!(await cert.verify({ publicKey: issuer.publicKey, signatureOnly: true }))) return fail('untrusted-chain');
  }

  for (const cert of built) {
    if (at.getTime() > cert.notAfter.getTime()) return fail('certificate-expired');
    if (at.getTime() < cert.notBefore.getTime()) return fail('certificate-not-yet-valid');
  }

  const leafUsage = keyUsages(leaf) ?? 0;
  const signs = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;
  if ((leafUsage & signs) === 0 || leaf.getExtension(x509.BasicConstraintsExtension)?.ca) {
    return fail('wrong-key-usage');
  }
  for (const issuer of built.slice(1)) {
    const usage = keyUsages(issuer);
    if (usage !== undefined && (usage & x509.KeyUsageFlags.keyCertSign) === 0) return fail('wrong-key-usage');
  }

  for (let i = 0; i < built.length - 1; i++) {
    const cert = built[i]!;
    const issuer = built[i + 1]!;
    let current: x509.X509Crl | undefined;
    for (const crl of trust.crls) {
      if (crl.issuer !== issuer.subject) continue;
      if (crl.nextUpdate && crl.nextUpdate.getTime() < at.getTime()) continue;
      if (await crl.verify({ publicKey: issuer })) {
        current = crl;
        break;
      }
    }
    if (!current) return fail('revocation-unknown');
    const entry = current.findRevoked(cert);
    if (entry && entry.revocationDate.getTime() <= at.getTime()) return fail('certificate-revoked');
  }

  if (!(await verifyMessage(leaf, input.signature, input.digest).catch(() => false))) return fail('signature-invalid');
  return {
    valid: true,
    signer: { subject: leaf.subject, serialNumber: leaf.serialNumber, notAfter: leaf.notAfter },
  };
}

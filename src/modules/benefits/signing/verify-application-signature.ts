import { type KeyObject, verify as verifyNative, X509Certificate } from 'node:crypto';
import { type TrustStore, verifyDocumentSignature } from '../../identity/index.ts';
import { readP256Certificate, subjectNameDer } from './p256-certificate.ts';

type VerificationResult = Awaited<ReturnType<typeof verifyDocumentSignature>>;
type SignedDigest = Parameters<typeof verifyDocumentSignature>[0];

/** A trust anchor in node:crypto's form, with what each check needs of it. */
interface NativeAnchor {
  cert: X509Certificate;
  key: KeyObject;
  /** The anchor's subject Name as DER, matched against a leaf's issuer; null if it could not be read. */
  subjectDer: Buffer | null;
  from: number;
  until: number;
  mayIssue: boolean;
}

/** One CRL, its signature already checked against its anchor, as a lookup of revoked serial numbers. */
interface NativeCrl {
  anchor: NativeAnchor;
  nextUpdate: number | undefined;
  revokedAt: Map<string, number>;
}

interface NativeTrust {
  anchors: NativeAnchor[];
  crls: NativeCrl[];
}

const prepared = new WeakMap<TrustStore, Promise<NativeTrust>>();

const serialKey = (hex: string) => hex.toLowerCase().replace(/^(00)+(?=..)/, '');

/**
 * The keyUsage bits of a certificate (RFC 5280 4.2.1.3) read from its DER, which node:crypto does not expose:
 * the extension's OID, an optional critical flag, then an OCTET STRING holding the BIT STRING. `null` when the
 * encoding is not the plain one this reads (the caller then leaves the certificate to the full verifier);
 * `undefined` when the certificate has no keyUsage extension.
 */
export function keyUsageBits(
  der: Buffer,
): { digitalSignature: boolean; nonRepudiation: boolean; keyCertSign: boolean } | null | undefined {
  const oid = Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x0f]);
  const at = der.indexOf(oid);
  if (at < 0) return undefined;
  let i = at + oid.length;
  if (der[i] === 0x01 && der[i + 1] === 0x01) i += 3; // critical BOOLEAN
  if (der[i] !== 0x04 || der[i + 2] !== 0x03) return null;
  const bitStringLength = der[i + 3]!;
  if (bitStringLength < 2 || bitStringLength > 3) return null;
  const first = der[i + 5]!;
  return {
    digitalSignature: (first & 0x80) !== 0,
    nonRepudiation: (first & 0x40) !== 0,
    keyCertSign: (first & 0x04) !== 0,
  };
}

/** The trust store in node:crypto's form, once per store (the store itself is kept ≤ 5 minutes: card-trust.ts). */
function nativeTrust(trust: TrustStore): Promise<NativeTrust> {
  let ready = prepared.get(trust);
  if (!ready) {
    ready = (async () => {
      const anchors = trust.anchors.map((anchor) => {
        const cert = new X509Certificate(Buffer.from(anchor.rawData));
        const usage = keyUsageBits(cert.raw);
        return {
          cert,
          key: cert.publicKey,
          subjectDer: subjectNameDer(cert.raw),
          from: anchor.notBefore.getTime(),
          until: anchor.notAfter.getTime(),
          mayIssue: usage === undefined || usage?.keyCertSign === true,
        };
      });
      const crls: NativeCrl[] = [];
      for (const crl of trust.crls) {
        // The same test identity's verifier makes per signature: issued by the anchor's name and signed by its key.
        for (const [index, anchor] of trust.anchors.entries()) {
          if (crl.issuer !== anchor.subject || !(await crl.verify({ publicKey: anchor }))) continue;
          crls.push({
            anchor: anchors[index]!,
            nextUpdate: crl.nextUpdate?.getTime(),
            revokedAt: new Map(crl.entries.map((e) => [serialKey(e.serialNumber), e.revocationDate.getTime()])),
          });
          break;
        }
      }
      return { anchors, crls };
    })();
    prepared.set(trust, ready);
  }
  return ready;
}

/** What the checks read of the signer's certificate, from either parse. */
interface Leaf {
  der: Buffer;
  serialNumber: string;
  notBefore: number;
  notAfter: number;
  ca: boolean;
  subject: string;
  publicKey: KeyObject;
  /** Named by the anchor as its issuer and signed with the anchor's key. */
  issuedBy(anchor: NativeAnchor): boolean;
}

/** The certificate read directly from its DER (p256-certificate.ts), or by node:crypto when it has another shape. */
function readLeaf(certificate: string): Leaf | null {
  const fast = readP256Certificate(certificate);
  if (fast) {
    return {
      ...fast,
      issuedBy: (anchor) => {
        if (anchor.subjectDer?.equals(fast.issuer) !== true) return false;
        try {
          return verifyNative('sha256', fast.tbs, anchor.key, fast.signature);
        } catch {
          // A key of another type than the signature (an RSA anchor of the same name): not its issuer.
          return false;
        }
      },
    };
  }
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(certificate);
  } catch {
    return null;
  }
  return {
    der: leaf.raw,
    serialNumber: leaf.serialNumber,
    notBefore: Date.parse(leaf.validFrom),
    notAfter: Date.parse(leaf.validTo),
    ca: leaf.ca,
    subject: leaf.subject.split('\n').join(', '),
    publicKey: leaf.publicKey,
    issuedBy: (anchor) => leaf.checkIssued(anchor.cert) && leaf.verify(anchor.key),
  };
}

/**
 * Verifies an application's card signature with the checks and answers of identity's `verifyDocumentSignature`
 * (chain to an anchor, validity dates, key usage, CRL, signature), done with node:crypto for the shape every card
 * signature here has: the signer's certificate issued directly by a trust anchor. @peculiar/x509's chain building
 * and ASN.1 parsing were ≈ 15 % of the server's CPU per application. Any other shape (intermediates, an encoding
 * this does not read, a chain that does not verify) goes to identity's verifier, so an unusual or failing signature
 * gets exactly its answer.
 */
export async function verifyApplicationSignature(
  input: SignedDigest,
  trust: TrustStore,
  at: Date,
): Promise<VerificationResult> {
  const full = () => verifyDocumentSignature(input, trust, at);
  if (input.chain.length !== 1) return full();
  const leaf = readLeaf(input.chain[0]!);
  if (!leaf) return full();
  if (input.digest.length !== 32) return { valid: false, code: 'signature-malformed' };
  const native = await nativeTrust(trust);
  const anchor = native.anchors.find((a) => leaf.issuedBy(a));
  const usage = keyUsageBits(leaf.der);
  if (!anchor || usage === null || leaf.ca) return full();

  const now = at.getTime();
  for (const [from, until] of [
    [leaf.notBefore, leaf.notAfter],
    [anchor.from, anchor.until],
  ] as const) {
    if (Number.isNaN(from) || Number.isNaN(until)) return full();
    if (now > until) return { valid: false, code: 'certificate-expired' };
    if (now < from) return { valid: false, code: 'certificate-not-yet-valid' };
  }
  if (!usage || !(usage.digitalSignature || usage.nonRepudiation) || !anchor.mayIssue) {
    return { valid: false, code: 'wrong-key-usage' };
  }

  const crl = native.crls.find((c) => c.anchor === anchor && (c.nextUpdate === undefined || c.nextUpdate >= now));
  if (!crl) return { valid: false, code: 'revocation-unknown' };
  const revokedAt = crl.revokedAt.get(serialKey(leaf.serialNumber));
  if (revokedAt !== undefined && revokedAt <= now) return { valid: false, code: 'certificate-revoked' };

  const key = leaf.publicKey;
  let ok = false;
  try {
    ok = verifyNative(
      'sha256',
      input.digest,
      key.asymmetricKeyType === 'ec' ? { key, dsaEncoding: 'ieee-p1363' } : key,
      input.signature,
    );
  } catch {
    ok = false;
  }
  if (!ok) return { valid: false, code: 'signature-invalid' };
  return {
    valid: true,
    signer: { subject: leaf.subject, serialNumber: serialKey(leaf.serialNumber), notAfter: new Date(leaf.notAfter) },
  };
}

import { createPublicKey, type KeyObject } from 'node:crypto';

/**
 * What verification needs of a certificate of the one shape card signatures have here — ECDSA P-256 key, signed with
 * ecdsa-with-SHA256, names of plain single-valued attributes, no critical extension but keyUsage and
 * basicConstraints — read straight from its DER. node:crypto's X509Certificate decodes the public key through
 * OpenSSL 3's decoders on every parse (≈ 170 µs per certificate on this machine, the largest part of verifying an
 * application); reading these fields and importing the key from its coordinates costs a fraction of that.
 *
 * Returns null for anything else (another algorithm or curve, an unknown critical extension, a name that would need
 * escaping, a non-minimal or odd encoding): the caller then parses with node:crypto as before. Nothing read here is
 * trusted until the caller has verified `signature` over `tbs` with the issuer's key.
 */
export interface P256Certificate {
  /** The whole certificate. */
  der: Buffer;
  /** The signed part (tbsCertificate), as the issuer signed it. */
  tbs: Buffer;
  /** The issuer's ECDSA signature over `tbs`, DER-encoded (node:crypto's default dsaEncoding). */
  signature: Buffer;
  /** The issuer's Name, as DER (compared byte for byte with an anchor's subject). */
  issuer: Buffer;
  /** The subject as X509Certificate#subject prints it, lines joined with ', ' (e.g. "C=JP, CN=…"). */
  subject: string;
  /** Lower-case hex of the serial number's content octets. */
  serialNumber: string;
  notBefore: number;
  notAfter: number;
  ca: boolean;
  publicKey: KeyObject;
}

interface Tlv {
  tag: number;
  /** Offset of the tag: the value with its header is der[at, end). */
  at: number;
  /** Offset of the content. */
  start: number;
  /** Offset just past the content. */
  end: number;
}

const OID = {
  ecdsaWithSha256: '2a8648ce3d040302',
  ecPublicKey: '2a8648ce3d0201',
  prime256v1: '2a8648ce3d030107',
  keyUsage: '551d0f',
  basicConstraints: '551d13',
} as const;

/** OpenSSL's short names for the attributes a card certificate's names use (others: fall back). */
const ATTRIBUTE_NAMES = new Map([
  ['550403', 'CN'],
  ['550405', 'serialNumber'],
  ['550406', 'C'],
  ['550407', 'L'],
  ['550408', 'ST'],
  ['55040a', 'O'],
  ['55040b', 'OU'],
]);

class Unusual extends Error {}

function tlv(der: Buffer, at: number, limit: number): Tlv {
  if (at + 2 > limit) throw new Unusual();
  const tag = der[at]!;
  let length = der[at + 1]!;
  let start = at + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 3 || start + octets > limit) throw new Unusual();
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + der[start + i]!;
    // DER: the shortest length form only.
    if (length < 0x80 || der[start] === 0) throw new Unusual();
    start += octets;
  }
  const end = start + length;
  if (end > limit) throw new Unusual();
  return { tag, at, start, end };
}

/** The elements of a constructed value, in order. */
function children(der: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const child = tlv(der, at, parent.end);
    out.push(child);
    at = child.end;
  }
  return out;
}

function expect(value: Tlv | undefined, tag: number): Tlv {
  if (!value || value.tag !== tag) throw new Unusual();
  return value;
}

const hex = (der: Buffer, t: Tlv) => der.toString('hex', t.start, t.end);

/** UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ), the only forms RFC 5280 allows. */
function time(der: Buffer, t: Tlv): number {
  const text = der.toString('latin1', t.start, t.end);
  const m =
    t.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : t.tag === 0x18
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
        : null;
  if (!m) throw new Unusual();
  const year = t.tag === 0x17 ? (Number(m[1]) < 50 ? 2000 : 1900) + Number(m[1]) : Number(m[1]);
  return Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** A Name as X509Certificate#subject prints it, when no value needs RFC 2253 escaping. */
function nameText(der: Buffer, name: Tlv): string {
  return children(der, name)
    .map((rdn) => {
      const attributes = children(der, expect(rdn, 0x31));
      if (attributes.length !== 1) throw new Unusual();
      const [type, value] = children(der, expect(attributes[0], 0x30));
      const short = ATTRIBUTE_NAMES.get(hex(der, expect(type, 0x06)));
      // UTF8String, PrintableString, IA5String.
      if (!short || !value || ![0x0c, 0x13, 0x16].includes(value.tag)) throw new Unusual();
      const text = der.toString('utf8', value.start, value.end);
      if (/[,+"\\<>;\p{Cc}]|^[ #]| $/u.test(text)) throw new Unusual();
      return `${short}=${text}`;
    })
    .join(', ');
}

/** The uncompressed P-256 point of a SubjectPublicKeyInfo, as a key object. */
function p256Key(der: Buffer, spki: Tlv): KeyObject {
  const [algorithm, bits] = children(der, spki);
  const [kind, curve, ...rest] = children(der, expect(algorithm, 0x30));
  if (hex(der, expect(kind, 0x06)) !== OID.ecPublicKey || hex(der, expect(curve, 0x06)) !== OID.prime256v1) {
    throw new Unusual();
  }
  const point = expect(bits, 0x03);
  if (rest.length || point.end - point.start !== 66 || der[point.start] !== 0 || der[point.start + 1] !== 4) {
    throw new Unusual();
  }
  const x = der.subarray(point.start + 2, point.start + 34).toString('base64url');
  const y = der.subarray(point.start + 34, point.end).toString('base64url');
  // Importing from the coordinates checks the point is on the curve.
  return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x, y }, format: 'jwk' });
}

/** Whether the extensions allow this reading, and the basicConstraints cA flag. */
function extensionsSayCa(der: Buffer, extensions: Tlv | undefined): boolean {
  if (!extensions) return false;
  let ca = false;
  for (const extension of children(der, expect(children(der, extensions)[0], 0x30))) {
    const [id, second, third] = children(der, expect(extension, 0x30));
    const oid = hex(der, expect(id, 0x06));
    const critical = second?.tag === 0x01 && der[second.start] !== 0;
    const value = expect(second?.tag === 0x01 ? third : second, 0x04);
    if (oid === OID.basicConstraints) {
      const [flag] = children(der, expect(tlv(der, value.start, value.end), 0x30));
      ca = flag?.tag === 0x01 && der[flag.start] !== 0;
    } else if (critical && oid !== OID.keyUsage) {
      throw new Unusual();
    }
  }
  return ca;
}

const toDer = (certificate: string | Buffer) =>
  typeof certificate === 'string'
    ? Buffer.from(certificate.replace(/-----(BEGIN|END) CERTIFICATE-----/g, ''), 'base64')
    : certificate;

/** The parts of a certificate (RFC 5280 4.1), the optional version field skipped. */
function certificateParts(der: Buffer) {
  const outer = expect(tlv(der, 0, der.length), 0x30);
  if (outer.end !== der.length) throw new Unusual();
  const [tbs, algorithm, signature, ...extra] = children(der, outer);
  if (extra.length) throw new Unusual();
  const fields = children(der, expect(tbs, 0x30));
  const [serial, innerAlgorithm, issuer, validity, subject, spki, ...optional] =
    fields[0]?.tag === 0xa0 ? fields.slice(1) : fields;
  return {
    tbs: tbs!,
    algorithm: expect(algorithm, 0x30),
    signature: expect(signature, 0x03),
    serial: expect(serial, 0x02),
    innerAlgorithm: expect(innerAlgorithm, 0x30),
    issuer: expect(issuer, 0x30),
    validity: expect(validity, 0x30),
    subject: expect(subject, 0x30),
    spki: expect(spki, 0x30),
    optional,
  };
}

/** A certificate's subject Name as DER, whatever its key type (a trust anchor's, to match issuers with); null if unreadable. */
export function subjectNameDer(certificate: string | Buffer): Buffer | null {
  const der = toDer(certificate);
  try {
    const { subject } = certificateParts(der);
    return der.subarray(subject.at, subject.end);
  } catch (error) {
    if (error instanceof Unusual) return null;
    throw error;
  }
}

/** Reads a certificate given as PEM or DER; null when it is not of the shape above. */
export function readP256Certificate(certificate: string | Buffer): P256Certificate | null {
  const der = toDer(certificate);
  try {
    const parts = certificateParts(der);
    for (const same of [parts.algorithm, parts.innerAlgorithm]) {
      const [oid, ...parameters] = children(der, same);
      if (hex(der, expect(oid, 0x06)) !== OID.ecdsaWithSha256 || parameters.length) throw new Unusual();
    }
    const [notBefore, notAfter, ...rest] = children(der, parts.validity);
    if (!notBefore || !notAfter || rest.length || der[parts.signature.start] !== 0) throw new Unusual();
    return {
      der,
      tbs: der.subarray(parts.tbs.at, parts.tbs.end),
      signature: der.subarray(parts.signature.start + 1, parts.signature.end),
      issuer: der.subarray(parts.issuer.at, parts.issuer.end),
      subject: nameText(der, parts.subject),
      serialNumber: hex(der, parts.serial),
      notBefore: time(der, notBefore),
      notAfter: time(der, notAfter),
      ca: extensionsSayCa(
        der,
        parts.optional.find((o) => o.tag === 0xa3),
      ),
      publicKey: p256Key(der, parts.spki),
    };
  } catch (error) {
    if (error instanceof Unusual) return null;
    // A point off the curve, or a value node:crypto refuses: left to the full parse and its answer.
    if (error instanceof Error && 'code' in error) return null;
    throw error;
  }
}

import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoCa } from '../../identity/signatures/demo-ca.ts';
import { x509 } from '../../identity/signatures/x509-crypto.ts';
import { readP256Certificate, subjectNameDer } from './p256-certificate.ts';

const now = new Date('2026-06-01T00:00:00Z');
let dir: string;
let ca: DemoCa;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsunagu-p256-'));
  ca = await DemoCa.open(dir, now);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A certificate signed by the demo root with the given subject, key and extensions. */
async function certificate(options: {
  subject?: string;
  keys?: CryptoKeyPair;
  extensions?: x509.Extension[];
}): Promise<x509.X509Certificate> {
  const keys =
    options.keys ??
    ((await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair);
  // The demo root's key is private to DemoCa; these shapes are ones it never issues.
  const rootKey = (ca as unknown as { rootKey: CryptoKey }).rootKey;
  return x509.X509CertificateGenerator.create({
    serialNumber: '00ff01',
    subject: options.subject ?? 'CN=A',
    issuer: ca.root.subject,
    notBefore: now,
    notAfter: new Date(now.getTime() + 86_400_000),
    publicKey: keys.publicKey,
    signingKey: rootKey,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: options.extensions ?? [],
  });
}

describe('readP256Certificate', () => {
  it('reads what X509Certificate reads, for the demo card certificates and the root', async () => {
    const issued = await ca.issue('CN=板橋 葉子, O=Tsunagu (demo), C=JP', now);
    for (const pem of [issued.certificate.toString('pem'), ca.root.toString('pem')]) {
      const fast = readP256Certificate(pem)!;
      const node = new X509Certificate(pem);
      expect(fast).not.toBeNull();
      expect(fast.subject).toBe(node.subject.split('\n').join(', '));
      expect(fast.serialNumber.replace(/^(00)+/, '')).toBe(node.serialNumber.toLowerCase());
      expect(fast.notBefore).toBe(Date.parse(node.validFrom));
      expect(fast.notAfter).toBe(Date.parse(node.validTo));
      expect(fast.ca).toBe(node.ca);
      expect(fast.publicKey.equals(node.publicKey)).toBe(true);
      expect(fast.issuer.equals(subjectNameDer(ca.root.toString('pem'))!)).toBe(true);
    }
  });

  it('leaves every other shape to the full parse', async () => {
    const rsa = (await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    const unknownCritical = new x509.Extension('1.2.3.4', true, new Uint8Array([0x05, 0x00]));
    for (const cert of [
      await certificate({ keys: rsa }),
      await certificate({ extensions: [unknownCritical] }),
      // A value RFC 2253 would escape: printing it is left to OpenSSL.
      await certificate({ subject: 'CN=a\\, b' }),
    ]) {
      expect(readP256Certificate(cert.toString('pem'))).toBeNull();
    }
    const der = Buffer.from((await certificate({})).rawData);
    expect(readP256Certificate(der)).not.toBeNull();
    expect(readP256Certificate(der.subarray(0, der.length - 1))).toBeNull();
    expect(readP256Certificate(Buffer.concat([der, Buffer.from([0])]))).toBeNull();
    expect(readP256Certificate('not a certificate')).toBeNull();
  });
});

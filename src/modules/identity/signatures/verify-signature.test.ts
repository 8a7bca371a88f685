import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoCa } from './demo-ca.ts';
import { type TrustStore, verifyDocumentSignature } from './verify-signature.ts';
import { signBytes, x509 } from './x509-crypto.ts';

const now = new Date('2026-06-01T00:00:00Z');
const digestOf = (text: string) => new Uint8Array(createHash('sha256').update(text).digest());
let dir: string;
let ca: DemoCa;
let trust: TrustStore;

async function signed(signer: Awaited<ReturnType<DemoCa['issue']>>, text: string) {
  const digest = digestOf(text);
  return { digest, signature: await signBytes(signer.privateKey, digest), chain: [signer.certificate.toString('pem')] };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsunagu-ca-'));
  ca = await DemoCa.open(dir, now);
  trust = { anchors: [ca.root], crls: [await ca.crl(now)] };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('verifyDocumentSignature', () => {
  it('accepts a good signature and names the signer', async () => {
    const signer = await ca.issue('CN=板橋 葉子', now);
    const result = await verifyDocumentSignature(await signed(signer, '申請書'), trust, now);
    expect(result).toMatchObject({ valid: true, signer: { subject: 'CN=板橋 葉子' } });
  });

  it('says tampered when the document changed after signing', async () => {
    const signer = await ca.issue('CN=A', now);
    const input = { ...(await signed(signer, '申請書 v1')), digest: digestOf('申請書 v2') };
    expect(await verifyDocumentSignature(input, trust, now)).toEqual({ valid: false, code: 'signature-invalid' });
  });

  it('says expired for a certificate past its end date', async () => {
    const signer = await ca.issue('CN=B', now, {
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2025-01-01T00:00:00Z'),
    });
    expect(await verifyDocumentSignature(await signed(signer, 'x'), trust, now)).toEqual({
      valid: false,
      code: 'certificate-expired',
    });
  });

  it('says revoked once the CA lists the certificate on its CRL', async () => {
    const signer = await ca.issue('CN=C', now);
    const input = await signed(signer, 'x');
    await ca.revoke(signer.certificate.serialNumber, new Date(now.getTime() - 1000));
    const fresh = { anchors: [ca.root], crls: [await ca.crl(now)] };
    expect(await verifyDocumentSignature(input, fresh, now)).toEqual({ valid: false, code: 'certificate-revoked' });
    // With no current CRL at all, the answer is "unknown", never "valid".
    expect(await verifyDocumentSignature(input, { anchors: [ca.root], crls: [] }, now)).toEqual({
      valid: false,
      code: 'revocation-unknown',
    });
  });

  it('says wrong chain for a certificate from a CA that is not a trust anchor', async () => {
    const otherDir = await mkdtemp(join(tmpdir(), 'tsunagu-ca-other-'));
    try {
      const other = await DemoCa.open(otherDir, now);
      const signer = await other.issue('CN=D', now);
      const input = await signed(signer, 'x');
      expect(await verifyDocumentSignature(input, trust, now)).toEqual({ valid: false, code: 'untrusted-chain' });
      // Even when the foreign root travels along in the chain.
      const withRoot = { ...input, chain: [...input.chain, other.root.toString('pem')] };
      expect(await verifyDocumentSignature(withRoot, trust, now)).toEqual({ valid: false, code: 'untrusted-chain' });
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it('says wrong key usage for a certificate that may not sign', async () => {
    const signer = await ca.issue('CN=E', now, { keyUsages: x509.KeyUsageFlags.keyEncipherment });
    expect(await verifyDocumentSignature(await signed(signer, 'x'), trust, now)).toEqual({
      valid: false,
      code: 'wrong-key-usage',
    });
  });

  it('says malformed for garbage', async () => {
    const result = await verifyDocumentSignature(
      { digest: digestOf('x'), signature: new Uint8Array(64), chain: ['not a certificate'] },
      trust,
      now,
    );
    expect(result).toEqual({ valid: false, code: 'signature-malformed' });
  });

  it('keeps the CA across restarts (same root, same revocations)', async () => {
    const reopened = await DemoCa.open(dir, now);
    expect(reopened.root.serialNumber).toBe(ca.root.serialNumber);
    expect((await reopened.crl(now)).entries.length).toBe(1);
  });
});

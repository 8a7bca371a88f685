import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TrustStore, verifyDocumentSignature } from '../../identity/index.ts';
import { DemoCa } from '../../identity/signatures/demo-ca.ts';
import { signBytes, x509 } from '../../identity/signatures/x509-crypto.ts';
import { keyUsageBits, verifyApplicationSignature } from './verify-application-signature.ts';

const now = new Date('2026-06-01T00:00:00Z');
const digestOf = (text: string) => new Uint8Array(createHash('sha256').update(text).digest());
let dir: string;
let otherDir: string;
let ca: DemoCa;
let other: DemoCa;
let trust: TrustStore;

async function signed(signer: Awaited<ReturnType<DemoCa['issue']>>, text: string) {
  const digest = digestOf(text);
  return { digest, signature: await signBytes(signer.privateKey, digest), chain: [signer.certificate.toString('pem')] };
}

/** The native answer, checked against identity's full verifier on the same input (the parity this file guards). */
async function both(input: Parameters<typeof verifyDocumentSignature>[0], store = trust, at = now) {
  const native = await verifyApplicationSignature(input, store, at);
  const reference = await verifyDocumentSignature(input, store, at);
  expect(native.valid).toBe(reference.valid);
  if (!native.valid && !reference.valid) expect(native.code).toBe(reference.code);
  return native;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsunagu-benefits-ca-'));
  otherDir = await mkdtemp(join(tmpdir(), 'tsunagu-benefits-ca-other-'));
  ca = await DemoCa.open(dir, now);
  other = await DemoCa.open(otherDir, now);
  trust = { anchors: [ca.root], crls: [await ca.crl(now)] };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(otherDir, { recursive: true, force: true });
});

describe('verifyApplicationSignature (node:crypto, same answers as identity’s verifier)', () => {
  it('accepts a good signature and names the signer', async () => {
    const signer = await ca.issue('CN=板橋 葉子', now);
    expect(await both(await signed(signer, '申請書'))).toMatchObject({
      valid: true,
      signer: { subject: 'CN=板橋 葉子', serialNumber: signer.certificate.serialNumber },
    });
  });

  it('refuses a changed document, a foreign key and a truncated digest', async () => {
    const signer = await ca.issue('CN=A', now);
    const tampered = { ...(await signed(signer, 'v1')), digest: digestOf('v2') };
    expect(await both(tampered)).toEqual({ valid: false, code: 'signature-invalid' });
    const forged = { ...(await signed(await ca.issue('CN=B', now), 'x')), chain: [signer.certificate.toString('pem')] };
    expect(await both(forged)).toEqual({ valid: false, code: 'signature-invalid' });
    const truncated = { ...(await signed(signer, 'x')), digest: new Uint8Array(16) };
    expect(await both(truncated)).toEqual({ valid: false, code: 'signature-malformed' });
  });

  it('says expired / not yet valid outside the certificate’s dates', async () => {
    const old = await ca.issue('CN=C', now, {
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2025-01-01T00:00:00Z'),
    });
    expect(await both(await signed(old, 'x'))).toEqual({ valid: false, code: 'certificate-expired' });
    const future = await ca.issue('CN=D', now, {
      notBefore: new Date('2026-07-01T00:00:00Z'),
      notAfter: new Date('2027-01-01T00:00:00Z'),
    });
    expect(await both(await signed(future, 'x'))).toEqual({ valid: false, code: 'certificate-not-yet-valid' });
  });

  it('says revoked once the CRL lists it, and unknown without a current CRL', async () => {
    const signer = await ca.issue('CN=E', now);
    const input = await signed(signer, 'x');
    expect(await both(input)).toMatchObject({ valid: true });
    await ca.revoke(signer.certificate.serialNumber, new Date(now.getTime() - 1000));
    const fresh = { anchors: [ca.root], crls: [await ca.crl(now)] };
    expect(await both(input, fresh)).toEqual({ valid: false, code: 'certificate-revoked' });
    expect(await both(input, { anchors: [ca.root], crls: [] })).toEqual({ valid: false, code: 'revocation-unknown' });
    // A CRL past its nextUpdate is not current.
    const stale = new Date((fresh.crls[0]!.nextUpdate ?? now).getTime() + 1000);
    expect(await both(await signed(await ca.issue('CN=F', now), 'x'), fresh, stale)).toEqual({
      valid: false,
      code: 'revocation-unknown',
    });
  });

  it('says untrusted for another CA’s certificate and wrong key usage for one that may not sign', async () => {
    const foreign = await signed(await other.issue('CN=G', now), 'x');
    expect(await both(foreign)).toEqual({ valid: false, code: 'untrusted-chain' });
    expect(await both({ ...foreign, chain: [...foreign.chain, other.root.toString('pem')] })).toEqual({
      valid: false,
      code: 'untrusted-chain',
    });
    const encipherOnly = await ca.issue('CN=H', now, { keyUsages: x509.KeyUsageFlags.keyEncipherment });
    expect(await both(await signed(encipherOnly, 'x'))).toEqual({ valid: false, code: 'wrong-key-usage' });
    const garbage = { digest: digestOf('x'), signature: new Uint8Array(64), chain: ['not a certificate'] };
    expect(await both(garbage)).toEqual({ valid: false, code: 'signature-malformed' });
  });

  it('reads the keyUsage bits from the DER', async () => {
    const signer = await ca.issue('CN=I', now);
    expect(keyUsageBits(Buffer.from(signer.certificate.rawData))).toEqual({
      digitalSignature: true,
      nonRepudiation: true,
      keyCertSign: false,
    });
    expect(keyUsageBits(Buffer.from(ca.root.rawData))).toMatchObject({ digitalSignature: false, keyCertSign: true });
  });
});

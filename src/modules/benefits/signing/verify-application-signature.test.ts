import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrustStore } from '../../identity/index.ts';
import { DemoCa } from '../../identity/signatures/demo-ca.ts';
import { signBytes } from '../../identity/signatures/x509-crypto.ts';
import { verifyApplicationSignature } from './verify-application-signature.ts';

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
  dir = await mkdtemp(join(tmpdir(), 'tsunagu-benefits-ca-'));
  ca = await DemoCa.open(dir, now);
  trust = { anchors: [ca.root], crls: [await ca.crl(now)] };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('verifyApplicationSignature (path validated once per trust store, then native signature checks)', () => {
  it('accepts a second document of a known signer and still refuses a changed one', async () => {
    const signer = await ca.issue('CN=板橋 葉子', now);
    const first = await verifyApplicationSignature(await signed(signer, '申請書 1'), trust, now);
    expect(first).toMatchObject({ valid: true, signer: { subject: 'CN=板橋 葉子' } });
    // The path is known now: these answers come from the native check.
    const second = await verifyApplicationSignature(await signed(signer, '申請書 2'), trust, now);
    expect(second).toEqual(first);
    const tampered = { ...(await signed(signer, '申請書 3')), digest: digestOf('申請書 4') };
    expect(await verifyApplicationSignature(tampered, trust, now)).toEqual({ valid: false, code: 'signature-invalid' });
    const truncated = { ...(await signed(signer, '申請書 5')), digest: new Uint8Array(16) };
    expect(await verifyApplicationSignature(truncated, trust, now)).toEqual({
      valid: false,
      code: 'signature-malformed',
    });
  });

  it('refuses a signature by another key presented with a known certificate', async () => {
    const signer = await ca.issue('CN=A', now);
    const other = await ca.issue('CN=B', now);
    await verifyApplicationSignature(await signed(signer, 'x'), trust, now);
    const forged = { ...(await signed(other, 'y')), chain: [signer.certificate.toString('pem')] };
    expect(await verifyApplicationSignature(forged, trust, now)).toEqual({ valid: false, code: 'signature-invalid' });
  });

  it('sees a revocation as soon as the trust store carries the new CRL', async () => {
    const signer = await ca.issue('CN=C', now);
    expect(await verifyApplicationSignature(await signed(signer, 'x'), trust, now)).toMatchObject({ valid: true });
    await ca.revoke(signer.certificate.serialNumber, new Date(now.getTime() - 1000));
    const refreshed = { anchors: [ca.root], crls: [await ca.crl(now)] };
    expect(await verifyApplicationSignature(await signed(signer, 'y'), refreshed, now)).toEqual({
      valid: false,
      code: 'certificate-revoked',
    });
  });

  it('does not use a known path after the certificate has expired', async () => {
    const signer = await ca.issue('CN=D', now, {
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2026-06-02T00:00:00Z'),
    });
    const at = new Date('2026-06-01T12:00:00Z');
    const store = { anchors: [ca.root], crls: [await ca.crl(at)] };
    expect(await verifyApplicationSignature(await signed(signer, 'x'), store, at)).toMatchObject({ valid: true });
    const later = new Date('2026-06-02T00:00:01Z');
    const result = await verifyApplicationSignature(await signed(signer, 'y'), store, later);
    expect(result.valid).toBe(false);
  });
});

import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoCa } from './demo-ca.ts';
import { verifyDocumentSignature } from './verify-signature.ts';

const now = new Date('2026-06-01T00:00:00Z');
const digest = new Uint8Array(createHash('sha256').update('申請書').digest());
let dir: string;
let ca: DemoCa;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsunagu-demo-ca-'));
  ca = await DemoCa.open(dir, now);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const verify = async (signed: { signature: Buffer; certificatePem: string }, at = now) =>
  verifyDocumentSignature(
    { digest, signature: signed.signature, chain: [signed.certificatePem] },
    { anchors: [ca.root], crls: [await ca.crl(at)] },
    at,
  );

describe('DemoCa.signAs', () => {
  it('signs with the certificate signerFor keeps, verifiable like a WebCrypto signature', async () => {
    const kept = await ca.signerFor('parent-1', 'CN=板橋 葉子', now);
    const signed = await ca.signAs('parent-1', 'CN=板橋 葉子', now, digest);
    expect(signed.certificatePem).toBe(kept.certificate.toString('pem'));
    expect(signed.serialNumber).toBe(kept.certificate.serialNumber.replace(/^(00)+/, ''));
    expect(await verify(signed)).toMatchObject({ valid: true, signer: { subject: 'CN=板橋 葉子' } });
  });

  it('issues a card on first use and reads a signer file written before signAs (PKCS#8 and certificate only)', async () => {
    const first = await ca.signAs('parent-2', 'CN=A', now, digest);
    const file = join(dir, 'demo-ca', 'signers', 'parent-2.json');
    const {
      privateKeyJwk: _jwk,
      serialNumber: _serial,
      notAfter: _notAfter,
      ...older
    } = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify(older));
    const again = await ca.signAs('parent-2', 'CN=A', now, digest);
    expect(again.certificatePem).toBe(first.certificatePem);
    expect(await verify(again)).toMatchObject({ valid: true });
  });

  it('replaces a revoked or expired certificate instead of signing with it', async () => {
    const first = await ca.signAs('parent-3', 'CN=B', now, digest);
    await ca.revoke(first.serialNumber, new Date(now.getTime() - 1000));
    const renewed = await ca.signAs('parent-3', 'CN=B', now, digest);
    expect(renewed.serialNumber).not.toBe(first.serialNumber);
    expect(await verify(renewed)).toMatchObject({ valid: true });
    const later = new Date(now.getTime() + 6 * 365 * 24 * 60 * 60_000);
    const afterExpiry = await ca.signAs('parent-3', 'CN=B', later, digest);
    expect(afterExpiry.serialNumber).not.toBe(renewed.serialNumber);
  });
});

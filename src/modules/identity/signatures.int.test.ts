import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { DemoCa } from './signatures/demo-ca.ts';
import { makeParent, parentCookie } from './testing/identity-factories.ts';

let t: TestContext;
let dataDir: string;
const digest = (text: string) => createHash('sha256').update(text).digest('base64');

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tsunagu-sign-'));
  t = await createTestApp({ config: { dataDir } });
});
afterAll(async () => {
  await t?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('document signatures through the API', () => {
  it('a parent signs a digest; verification accepts it, and refuses a changed document and a revoked certificate', async () => {
    const { parent } = await makeParent(t.services);
    const cookies = await parentCookie(t.app, t.services, parent);
    const signed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/signatures',
      cookies,
      payload: { digest: digest('保育所入所申込書 2026-04') },
    });
    expect(signed.statusCode).toBe(201);
    const { signature, certificateChain } = signed.json();
    expect(certificateChain).toHaveLength(2);

    const verify = (d: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/signatures/verify',
        payload: { digest: d, signature, certificateChain },
      });
    const ok = await verify(digest('保育所入所申込書 2026-04'));
    expect(ok.statusCode).toBe(200);
    expect(ok.json().signer.subject).toBe('CN=テスト 花子');

    const tampered = await verify(digest('保育所入所申込書 2026-05'));
    expect(tampered.statusCode).toBe(422);
    expect(tampered.json().code).toBe('signature-invalid');

    const ca = await DemoCa.open(dataDir, new Date());
    const { x509 } = await import('./signatures/x509-crypto.ts');
    await ca.revoke(new x509.X509Certificate(certificateChain[0]).serialNumber, new Date(Date.now() - 1000));
    const revoked = await verify(digest('保育所入所申込書 2026-04'));
    expect(revoked.statusCode).toBe(422);
    expect(revoked.json().code).toBe('certificate-revoked');
  });

  it('refuses a malformed digest and an anonymous signer', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signatures/verify',
      payload: { digest: 'abc', signature: 'x', certificateChain: ['y'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.digest');
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/signatures',
      payload: { digest: digest('x') },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

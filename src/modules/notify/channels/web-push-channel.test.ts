import 'reflect-metadata';
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify, webcrypto } from 'node:crypto';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingDelivery } from './channel.ts';
import { delivery, renderedMessage } from './test-deliveries.ts';
import {
  createWebPushChannel,
  generateVapidKeys,
  WEB_PUSH_PAYLOAD_MAX_BYTES,
  webPushPayload,
  webPushTopic,
} from './web-push-channel.ts';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/**
 * A local push service (RFC 8030) over HTTPS with a throwaway CA, standing in for the browser vendors' services. It
 * checks the VAPID Authorization header (JWT signed with the key in `k`, audience = its origin) and decrypts the
 * aes128gcm body with the subscription's private key and auth secret, as a browser would (RFC 8291).
 */
interface PushReceived {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  jwtClaims: { aud: string; exp: number; sub: string };
  vapidPublicKey: string;
  payload: unknown;
}

const vapid = { subject: 'mailto:notify@tsunagu.example', ...generateVapidKeys() };
let server: Server;
let agent: Agent;
let origin: string;
let received: PushReceived[];
let answers: { status: number; headers?: Record<string, string> }[];
const browsers = new Map<string, { ecdh: ReturnType<typeof createECDH>; auth: Buffer }>();

async function selfSignedCertificate() {
  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=local push service',
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 3_600_000),
    keys,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }])],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey as webcrypto.CryptoKey);
  return { cert: cert.toString('pem'), key: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') };
}

function verifyVapid(authorization: string) {
  const match = /^vapid t=([^,]+),\s*k=(.+)$/.exec(authorization);
  if (!match) throw new Error('no vapid authorization');
  const [header, claims, signature] = match[1]!.split('.');
  const publicKey = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', ...pointToJwk(Buffer.from(match[2]!, 'base64url')) },
    format: 'jwk',
  });
  const ok = verify(
    'sha256',
    Buffer.from(`${header}.${claims}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature!, 'base64url'),
  );
  if (!ok) throw new Error('bad VAPID signature');
  return { claims: JSON.parse(Buffer.from(claims!, 'base64url').toString()), publicKey: match[2]! };
}

function pointToJwk(point: Buffer) {
  return { x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') };
}

/** RFC 8291 §3.4 + RFC 8188: the browser's side of aes128gcm decryption. */
function decrypt(body: Buffer, ecdh: ReturnType<typeof createECDH>, auth: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const serverPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const shared = ecdh.computeSecret(serverPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), ecdh.getPublicKey(), serverPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end > 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('missing last-record padding delimiter');
  return padded.subarray(0, end).toString('utf8');
}

function subscribe(id: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  browsers.set(id, { ecdh, auth });
  return {
    endpoint: `${origin}/push/${id}`,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
  };
}

function pushDelivery(n: number, id: string, overrides: Partial<OutgoingDelivery> = {}) {
  return delivery(n, { channel: 'web-push', subscription: subscribe(id) }, overrides);
}

beforeAll(async () => {
  const tls = await selfSignedCertificate();
  server = createServer(tls, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = answers.shift();
      if (answer) {
        res.writeHead(answer.status, answer.headers ?? {}).end('refused by the test');
        return;
      }
      try {
        const { claims, publicKey } = verifyVapid(String(req.headers.authorization));
        if (claims.aud !== origin) throw new Error(`audience ${claims.aud}`);
        if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
        const browser = browsers.get((req.url ?? '').split('/').pop()!);
        if (!browser) {
          res.writeHead(410).end();
          return;
        }
        received.push({
          path: req.url ?? '',
          headers: req.headers,
          jwtClaims: claims,
          vapidPublicKey: publicKey,
          payload: JSON.parse(decrypt(Buffer.concat(chunks), browser.ecdh, browser.auth)),
        });
        res.writeHead(201, { location: `${origin}/messages/${received.length}` }).end();
      } catch (error) {
        res.writeHead(401).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  agent = new Agent({ ca: tls.cert, keepAlive: true });
});

afterAll(async () => {
  agent.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  answers = [];
});

function channel() {
  return createWebPushChannel({ vapid, ttlSeconds: 86_400, agent, timeoutMs: 5_000 });
}

describe('Web Push channel against a local push service', () => {
  it('sends a VAPID-signed, aes128gcm-encrypted payload that the subscriber decrypts', async () => {
    const urgent = pushDelivery(1, 'browser-1', { urgent: true });
    const outcomes = await channel().send([urgent, pushDelivery(2, 'browser-2')]);
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'delivered']);
    const first = received.find((r) => r.path === '/push/browser-1')!;
    expect(first.payload).toEqual({
      title: renderedMessage().title,
      body: renderedMessage().body,
      url: renderedMessage().url,
    });
    expect(first.vapidPublicKey).toBe(vapid.publicKey);
    expect(first.jwtClaims.sub).toBe(vapid.subject);
    expect(first.jwtClaims.exp).toBeGreaterThan(Date.now() / 1000);
    expect(first.headers.ttl).toBe('86400');
    expect(first.headers.urgency).toBe('high');
    expect(first.headers.topic).toBe(webPushTopic(urgent.idempotencyKey));
    expect(received.find((r) => r.path === '/push/browser-2')!.headers.urgency).toBe('normal');
    expect((outcomes[0] as { providerReference?: string }).providerReference).toMatch(/\/messages\/\d$/);
  });

  it('cuts a long body so the payload stays within the push budget and still decrypts', async () => {
    const long = pushDelivery(3, 'browser-3', { message: renderedMessage({ body: 'お知らせ'.repeat(2_000) }) });
    expect((await channel().send([long]))[0]!.status).toBe('delivered');
    const payload = received[0]!.payload as { body: string };
    expect(payload.body.endsWith('…')).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(payload))).toBeLessThanOrEqual(WEB_PUSH_PAYLOAD_MAX_BYTES);
    expect(Buffer.byteLength(webPushPayload(long.message))).toBeLessThanOrEqual(WEB_PUSH_PAYLOAD_MAX_BYTES);
  });

  it('disables a subscription on 404 and 410, refuses 413, retries 429 and 5xx', async () => {
    const send = async (status: number, headers?: Record<string, string>) => {
      answers.push(headers ? { status, headers } : { status });
      return (await channel().send([pushDelivery(4, 'browser-4')]))[0];
    };
    expect(await send(410)).toMatchObject({ status: 'permanent-failure', disableEndpoint: true });
    expect(await send(404)).toMatchObject({ status: 'permanent-failure', disableEndpoint: true });
    expect(await send(413)).toMatchObject({ status: 'permanent-failure', disableEndpoint: false });
    expect(await send(429, { 'retry-after': '30' })).toMatchObject({
      status: 'temporary-failure',
      retryAfterMs: 30_000,
    });
    expect(await send(502)).toMatchObject({ status: 'temporary-failure' });
    const refused = await send(403);
    expect(refused).toMatchObject({ status: 'temporary-failure' });
    expect(refused?.status === 'temporary-failure' && refused.error).toContain('VAPID');
  });

  it('disables a malformed subscription without calling the push service', async () => {
    const broken = delivery(5, {
      channel: 'web-push',
      subscription: { endpoint: `${origin}/push/x`, keys: { p256dh: 'short', auth: 'x' } },
    });
    expect((await channel().send([broken]))[0]).toMatchObject({ status: 'permanent-failure', disableEndpoint: true });
    expect(received).toHaveLength(0);
  });

  it('treats an unreachable push service as temporary and refuses malformed VAPID keys at startup', async () => {
    const offline = delivery(6, {
      channel: 'web-push',
      subscription: { ...subscribe('browser-6'), endpoint: 'https://127.0.0.1:1/push/browser-6' },
    });
    expect((await channel().send([offline]))[0]).toMatchObject({ status: 'temporary-failure' });
    expect(() => createWebPushChannel({ vapid: { ...vapid, privateKey: 'nope' }, ttlSeconds: 60 })).toThrow();
  });
});

import { createHmac, timingSafeEqual } from 'node:crypto';
import { resolveSessionSecret } from '../../../platform/runtime.ts';
import type { AppServices } from '../../../platform/services.ts';

// The QR token of a 妊婦健診 code: the same shape as the child codes' (clinic/consent-token.ts: base64url JSON + HMAC),
// but signed with a key of its own, so a pregnancy token can never be replayed on the child paths and vice versa.

export const PRENATAL_PURPOSE = 'prenatal-checkup';

export interface PrenatalTokenPayload {
  id: string;
  purpose: typeof PRENATAL_PURPOSE;
  exp: number;
}

const keys = new WeakMap<AppServices, Promise<Buffer>>();

export function prenatalKey(services: AppServices): Promise<Buffer> {
  let key = keys.get(services);
  if (!key) {
    key = resolveSessionSecret(services.config).then((secret) =>
      createHmac('sha256', secret).update('tsunagu/health/prenatal-consent-token/v1').digest(),
    );
    keys.set(services, key);
  }
  return key;
}

const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest();

export function signPrenatalToken(key: Buffer, payload: PrenatalTokenPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

/** The payload when signed with this key, for this purpose and not expired; otherwise undefined (never why). */
export function verifyPrenatalToken(key: Buffer, token: string, now: Date): PrenatalTokenPayload | undefined {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as PrenatalTokenPayload;
    if (typeof payload.id !== 'string' || typeof payload.exp !== 'number' || payload.purpose !== PRENATAL_PURPOSE) {
      return undefined;
    }
    return payload.exp > now.getTime() ? payload : undefined;
  } catch {
    return undefined;
  }
}

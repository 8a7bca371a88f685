import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

// A consent code travels two ways: as a signed token inside the QR code (scanned by reception or a clinic system) and
// as a short code a person can type. The signature lets a forged or altered token be refused before any database
// work; single use and the child it names live in the database row the token points to.

export const CONSENT_CODE_TTL_MS = 5 * 60 * 1000;
export const CONSENT_PURPOSES = ['eligibility', 'vaccination'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export interface ConsentTokenPayload {
  /** The consent code row. */
  id: string;
  purpose: ConsentPurpose;
  /** Expiry, epoch milliseconds. */
  exp: number;
}

/** No 0/O, 1/I/L, U: easy to read aloud and type. 8 characters ≈ 40 bits, enough for five minutes. */
const SHORT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newShortCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += SHORT_ALPHABET[randomInt(SHORT_ALPHABET.length)];
  return code;
}

/** What reception types: case, spaces and hyphens do not matter. */
export function normalizeShortCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return /^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/.test(code) ? code : undefined;
}

export function formatShortCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

function mac(key: Buffer, body: string): Buffer {
  return createHmac('sha256', key).update(body).digest();
}

/** A key for consent tokens only, derived from the server's secret so no other signature can be replayed here. */
export function consentTokenKey(serverSecret: string): Buffer {
  return createHmac('sha256', serverSecret).update('tsunagu/health/consent-token/v1').digest();
}

export function signConsentToken(key: Buffer, payload: ConsentTokenPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

/** The payload when the signature is right and the token has not expired; otherwise undefined (never why). */
export function verifyConsentToken(key: Buffer, token: string, now: Date): ConsentTokenPayload | undefined {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as ConsentTokenPayload;
    if (typeof payload.id !== 'string' || typeof payload.exp !== 'number') return undefined;
    if (!(CONSENT_PURPOSES as readonly string[]).includes(payload.purpose)) return undefined;
    return payload.exp > now.getTime() ? payload : undefined;
  } catch {
    return undefined;
  }
}

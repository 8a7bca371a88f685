import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

// otplib v13 (functional API): SHA-1, 6 digits, 30-second steps — what every authenticator app reads.

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: 'Tsunagu', label: account, secret });
}

/** The code for a given instant; for tests and the demo seed. */
export function totpCode(secret: string, at: Date): string {
  return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/**
 * Checks a code, accepting the step before and after (clock drift) but never a step at or before the last one used,
 * so a code seen over someone's shoulder cannot be replayed.
 */
export function checkTotp(
  secret: string,
  code: string,
  at: Date,
  lastStep: number | null,
): { valid: true; step: number } | { valid: false } {
  if (!/^\d{6}$/.test(code)) return { valid: false };
  const result = verifySync({
    secret,
    token: code,
    epoch: Math.floor(at.getTime() / 1000),
    epochTolerance: 30,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  if (!result.valid || !('timeStep' in result)) return { valid: false };
  return { valid: true, step: result.timeStep as number };
}

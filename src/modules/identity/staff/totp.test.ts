import { describe, expect, it } from 'vitest';
import { checkTotp, newTotpSecret, totpCode, totpUri } from './totp.ts';

describe('TOTP', () => {
  const secret = newTotpSecret();
  const at = new Date('2026-04-01T09:00:10Z');

  it('accepts the current code and one step of drift, not more', () => {
    expect(checkTotp(secret, totpCode(secret, at), at, null).valid).toBe(true);
    expect(checkTotp(secret, totpCode(secret, new Date(at.getTime() - 30_000)), at, null).valid).toBe(true);
    expect(checkTotp(secret, totpCode(secret, new Date(at.getTime() - 120_000)), at, null).valid).toBe(false);
  });

  it('refuses a code whose step was already used', () => {
    const first = checkTotp(secret, totpCode(secret, at), at, null);
    expect(first.valid).toBe(true);
    if (!first.valid) return;
    expect(checkTotp(secret, totpCode(secret, at), at, first.step).valid).toBe(false);
  });

  it('refuses malformed codes and builds an otpauth URI', () => {
    expect(checkTotp(secret, '12345', at, null).valid).toBe(false);
    expect(checkTotp(secret, 'abcdef', at, null).valid).toBe(false);
    expect(totpUri(secret, 'admin@example.jp')).toMatch(/^otpauth:\/\/totp\/Tsunagu:admin%40example\.jp\?/);
  });
});

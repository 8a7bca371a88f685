import type { VerifiedIdentity } from '../repositories/household.repository.ts';
import type { Sex } from '../tables/household.tables.ts';

/**
 * The card authority's claims as Tsunagu's verified identity. `address` is the standard OpenID address object
 * (its `formatted` line) or, from some issuers, a plain string. A claim named like a My Number is never read.
 */
export function identityFromClaims(issuer: string, claims: Record<string, unknown>): VerifiedIdentity | undefined {
  const subject = typeof claims.sub === 'string' ? claims.sub : undefined;
  const name = typeof claims.name === 'string' ? claims.name.trim() : '';
  if (!subject || !name) return undefined;
  const rawAddress = claims.address;
  const address =
    typeof rawAddress === 'string'
      ? rawAddress
      : rawAddress &&
          typeof rawAddress === 'object' &&
          typeof (rawAddress as { formatted?: unknown }).formatted === 'string'
        ? (rawAddress as { formatted: string }).formatted
        : null;
  const birthDate =
    typeof claims.birthdate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(claims.birthdate) ? claims.birthdate : null;
  const sex: Sex | null =
    claims.gender === 'male' || claims.gender === 'female' ? claims.gender : claims.gender ? 'unspecified' : null;
  return { issuer, subject, name: name.slice(0, 200), birthDate, address: address?.slice(0, 500) ?? null, sex };
}

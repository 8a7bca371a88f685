import type { SignatureService, TrustStore } from '../../identity/index.ts';

/**
 * The longest a fetched revocation list is relied on even when it says it is current for longer. JPKI's CRL is
 * republished daily; checking every few minutes is stricter than that and still makes a revocation visible soon.
 */
export const CRL_MAX_AGE_MS = 5 * 60_000;

interface Cached {
  store: Promise<TrustStore>;
  /** Epoch ms after which the CRLs must be fetched again. */
  refreshAt: number;
}

const cache = new WeakMap<SignatureService, Cached>();

/**
 * The trust anchors and CRLs an application's card signature is verified against, fetched once and reused until the
 * earliest CRL's nextUpdate (bounded by CRL_MAX_AGE_MS), the way a relying party keeps a published CRL instead of
 * downloading it per signature. Before this, every application had the demo CA sign a fresh CRL and parsed it.
 * A failed fetch is not cached; an expired list is never used (the verifier answers "revocation unknown").
 */
export function trustForApplications(signatures: SignatureService, now: Date): Promise<TrustStore> {
  const cached = cache.get(signatures);
  if (cached && now.getTime() < cached.refreshAt) return cached.store;
  const store = signatures.trustStore();
  const entry: Cached = { store, refreshAt: now.getTime() + CRL_MAX_AGE_MS };
  cache.set(signatures, entry);
  store.then(
    (trust) => {
      const nextUpdates = trust.crls.map((crl) => crl.nextUpdate?.getTime() ?? now.getTime());
      entry.refreshAt = Math.min(entry.refreshAt, ...nextUpdates);
    },
    () => {
      if (cache.get(signatures) === entry) cache.delete(signatures);
    },
  );
  return store;
}

import type { FastifyRequest } from 'fastify';
import type { AppServices } from '../../platform/services.ts';

/** Anonymous callers of the public registry API get this share of the platform's per-client limit. */
export const ANONYMOUS_SHARE = 5;

function isRegistryPartner(request: FastifyRequest): boolean {
  const actor = request.actor;
  return actor?.type === 'partner-app' && Boolean(actor.id) && (actor.scopes ?? []).includes('registry:read');
}

/**
 * Route-level rate limit of the public registry reads: "no login; an API key raises the rate limit". Anonymous
 * callers share a per-IP budget of a fifth of RATE_LIMIT_PER_MINUTE; a partner app whose key carries
 * `registry:read` is counted per app (not per IP) with the full RATE_LIMIT_PER_MINUTE. The route hook runs after
 * identity's auth hook (root hooks first), so `request.actor` is known; identity also caps each key on its own.
 */
export function registryReadRateLimit(services: AppServices) {
  const full = services.config.rateLimitPerMinute;
  return {
    rateLimit: {
      max: (request: FastifyRequest) =>
        isRegistryPartner(request) ? full : Math.max(1, Math.floor(full / ANONYMOUS_SHARE)),
      keyGenerator: (request: FastifyRequest) =>
        isRegistryPartner(request) ? `registry-partner:${request.actor.id}` : `registry-ip:${request.ip}`,
      timeWindow: '1 minute',
    },
  };
}

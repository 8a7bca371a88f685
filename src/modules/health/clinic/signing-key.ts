import { resolveSessionSecret } from '../../../platform/runtime.ts';
import type { AppServices } from '../../../platform/services.ts';
import { consentTokenKey } from './consent-token.ts';

const keys = new WeakMap<AppServices, Promise<Buffer>>();

/** The consent-token key of this server, derived once from its secret (config or DATA_DIR). */
export function consentKey(services: AppServices): Promise<Buffer> {
  let key = keys.get(services);
  if (!key) {
    key = resolveSessionSecret(services.config).then(consentTokenKey);
    keys.set(services, key);
  }
  return key;
}

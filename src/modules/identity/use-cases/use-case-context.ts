import type { Actor } from '../../../platform/access/actor.ts';
import type { AppServices } from '../../../platform/services.ts';

/** What every identity use case is called with: the long-lived services and who is asking in which request. */
export interface UseCaseContext {
  services: AppServices;
  actor: Actor;
  requestId?: string | null;
}

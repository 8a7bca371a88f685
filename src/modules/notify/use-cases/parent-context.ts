import type { Actor } from '../../../platform/access/actor.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';

export interface ParentContext {
  services: AppServices;
  actor: Actor;
  requestId?: string | null;
}

/** The signed-in parent's ids; notify's parent use cases run in that parent's household scope. */
export function parentIds(ctx: ParentContext): { parentId: string; householdId: string; municipalityCode: string } {
  const { actor } = ctx;
  if (actor.type !== 'parent' || !actor.id || !actor.householdId || !actor.municipalityCode) {
    throw new AppError('unauthorized', 401, { en: 'Sign in first.', ja: 'ログインしてください。' });
  }
  return { parentId: actor.id, householdId: actor.householdId, municipalityCode: actor.municipalityCode };
}

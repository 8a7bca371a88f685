import type { Actor } from '../../../platform/access/actor.ts';
import { authorize } from '../../../platform/access/authorize.ts';
import type { AppServices } from '../../../platform/services.ts';
import { locateApplication } from './application.repository.ts';

export interface StaffContext {
  services: AppServices;
  actor: Actor;
  requestId?: string;
}

/** Statuses staff set by hand; offered and waitlisted come only from a published allocation. */
export const SCREENING_STATUSES = ['in-review', 'needs-fix', 'ready'] as const;
export type ScreeningStatus = (typeof SCREENING_STATUSES)[number];

export async function screenerFor(ctx: StaffContext, id: string) {
  const where = await locateApplication(ctx.services.db, id);
  const scope = await authorize(
    { db: ctx.services.db, requestId: ctx.requestId ?? null },
    ctx.actor,
    'nursery-application.screen',
    { municipalityCode: where.municipalityCode, resource: { type: 'nursery-application', id } },
  );
  return { ...where, scope };
}

import { authorize } from '../../../platform/access/authorize.ts';
import './allocation.events.ts';
import type { StaffContext } from './staff-context.ts';

/** Applications a round places: screened ones, and those still waiting from an earlier round. */
export const IN_ROUND = ['ready', 'waitlisted'] as const;

export interface RoundInput {
  municipalityCode: string;
  /** 'YYYY-MM' */
  roundMonth: string;
  roundNo: number;
}

export async function allocator(ctx: StaffContext, municipalityCode: string) {
  await authorize({ db: ctx.services.db, requestId: ctx.requestId ?? null }, ctx.actor, 'nursery-allocation.run', {
    municipalityCode,
    resource: { type: 'allocation-round' },
  });
}

import { desc, eq } from 'drizzle-orm';
import './allocation.events.ts';
import { allocator } from './allocation-round-access.ts';
import { allocationRounds } from './application.tables.ts';
import type { StaffContext } from './staff-context.ts';

export async function latestRounds(ctx: StaffContext, municipalityCode: string) {
  await allocator(ctx, municipalityCode);
  return ctx.services.db
    .select({
      id: allocationRounds.id,
      roundMonth: allocationRounds.roundMonth,
      roundNo: allocationRounds.roundNo,
      status: allocationRounds.status,
      applicants: allocationRounds.applicants,
      offers: allocationRounds.offers,
      blockingPairs: allocationRounds.blockingPairs,
      createdAt: allocationRounds.createdAt,
    })
    .from(allocationRounds)
    .where(eq(allocationRounds.municipalityCode, municipalityCode))
    .orderBy(desc(allocationRounds.createdAt))
    .limit(20);
}

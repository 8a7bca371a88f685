import { sql } from 'drizzle-orm';
import type { ScopedTx } from '../../../platform/db/tenant-scope.ts';
import type { AppServices } from '../../../platform/services.ts';
import './consultation.events.ts';

type ConsultationEvent = 'consultation.booked' | 'consultation.cancelled';

/**
 * Publishes a consultation event in the booking's own transaction, as the last step of it. The outbox row is written
 * as the session user again (RESET ROLE) because the delivery jobs go into pg-boss's own schema, which the RLS-bound
 * role tsunagu_app has no grant on; every tenant-owned read and write of the use case has already happened by then.
 */
export async function publishConsultationEvent(
  services: AppServices,
  tx: ScopedTx,
  type: ConsultationEvent,
  payload: { bookingId: string; householdId: string; municipalityCode: string; startsAt: Date },
  requestId: string | null,
): Promise<void> {
  await tx.execute(sql`reset role`);
  await services.events.publish(
    tx,
    type,
    { ...payload, startsAt: payload.startsAt.toISOString() },
    { municipalityCode: payload.municipalityCode, requestId },
  );
}

import type { ScopedTx } from '../../../platform/db/tenant-scope.ts';
import type { AppServices } from '../../../platform/services.ts';
import './consultation.events.ts';

type ConsultationEvent = 'consultation.booked' | 'consultation.cancelled';

/**
 * Publishes a consultation event in the booking's own transaction, as the last step of it, still as the RLS-bound
 * role: tsunagu_app may enqueue into pg-boss's schema (migration pgboss-grants), so the outbox row and its delivery
 * jobs commit with the booking under the same tenant scope.
 */
export async function publishConsultationEvent(
  services: AppServices,
  tx: ScopedTx,
  type: ConsultationEvent,
  payload: { bookingId: string; householdId: string; municipalityCode: string; startsAt: Date },
  requestId: string | null,
): Promise<void> {
  await services.events.publish(
    tx,
    type,
    { ...payload, startsAt: payload.startsAt.toISOString() },
    { municipalityCode: payload.municipalityCode, requestId },
  );
}

export const CONSULTATION_RULES = {
  /** Bookings and cancellations close this long before the start. */
  cutoffHours: 2,
  /** Upcoming consultations one household may hold in one municipality. */
  perHousehold: 2,
} as const;

/** True once the parent can no longer book or cancel online. */
export function pastConsultationCutoff(startsAt: Date, now: Date): boolean {
  return startsAt.getTime() - now.getTime() < CONSULTATION_RULES.cutoffHours * 3_600_000;
}

// Events hokatsu raises about nursery visit bookings (notify sends the confirmation and the day-before reminder).
// Ids, the household, the nursery and the tour's start only: a subscriber that needs more asks hokatsu's index.ts.
declare module '../../../platform/events/domain-events.ts' {
  interface DomainEvents {
    'visit.booked': VisitBookingEvent;
    'visit.cancelled': VisitBookingEvent;
    'visit.rescheduled': VisitBookingEvent & { previousBookingId: string; previousStartsAt: string };
  }
}

export interface VisitBookingEvent {
  bookingId: string;
  householdId: string;
  nurseryId: string;
  /** ISO 8601 instant the tour starts. */
  startsAt: string;
}

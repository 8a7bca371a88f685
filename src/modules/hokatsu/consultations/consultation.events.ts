// Raised in the same transaction as the booking change, for notify to confirm, remind and tell the family. Ids and the
// start time only: the topic and questions stay in this module.
declare module '../../../platform/events/domain-events.ts' {
  interface DomainEvents {
    'consultation.booked': { bookingId: string; householdId: string; municipalityCode: string; startsAt: string };
    'consultation.cancelled': { bookingId: string; householdId: string; municipalityCode: string; startsAt: string };
  }
}

export {};

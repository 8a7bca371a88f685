// Raised when a round's results are published, for notify (not built yet) to tell each family. Ids and counts only:
// a subscriber reads the application through this module when it needs more.
declare module '../../../platform/events/domain-events.ts' {
  interface DomainEvents {
    'allocation.published': {
      roundId: string;
      municipalityCode: string;
      roundMonth: string;
      roundNo: number;
      offers: { applicationId: string; householdId: string; nurseryId: string }[];
      waitlisted: { applicationId: string; householdId: string; waitlistRank: number | null }[];
    };
    /** A declined offer's seat went to the next waiting applicant of the same round (繰り上げ内定). */
    'allocation.offer-moved-up': {
      roundId: string;
      municipalityCode: string;
      applicationId: string;
      householdId: string;
      nurseryId: string;
      declinedApplicationId: string;
    };
  }
}

export {};

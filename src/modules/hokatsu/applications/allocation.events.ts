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
  }
}

export {};

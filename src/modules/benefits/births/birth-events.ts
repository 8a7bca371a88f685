declare module '../../../platform/events/domain-events.ts' {
  interface DomainEvents {
    /**
     * The municipality entered a 出生届. Ids and dates only: subscribers read what they need. The health schedule
     * and notify's "what to do next" checklist hang off this event (they subscribe in their own modules).
     */
    'birth.reported': { birthReportId: string; householdId: string; birthDate: string };
    /** The parent confirmed the reported child into the household; the child now has identity's id. */
    'birth.confirmed': { birthReportId: string; householdId: string; childId: string; birthDate: string };
  }
}

export {};

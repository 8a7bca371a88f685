// Events the identity module raises for other modules (notify, health, benefits…). Payloads carry ids and dates,
// never names or addresses: a subscriber that needs more reads it through the identity module's index.ts.
declare module '../../platform/events/domain-events.ts' {
  interface DomainEvents {
    'child.registered': { childId: string; householdId: string; birthDate: string };
    'pregnancy.registered': { pregnancyId: string; householdId: string; expectedDeliveryDate: string };
    'residence.changed': {
      householdId: string;
      fromMunicipalityCode: string;
      toMunicipalityCode: string;
      movedOn: string;
    };
  }
}

export {};

import type { ClaimStatus } from './claim-status.ts';
import type { ClaimableBenefit } from './rules/evaluation.ts';

declare module '../../platform/events/domain-events.ts' {
  interface DomainEvents {
    /** Every status change of a claim, including its opening (from: null). notify turns it into a message. */
    'claim.status-changed': {
      claimId: string;
      parentId: string;
      childId: string;
      benefitCode: ClaimableBenefit;
      fiscalYear: number;
      from: ClaimStatus | null;
      to: ClaimStatus;
      reason: string | null;
    };
  }
}

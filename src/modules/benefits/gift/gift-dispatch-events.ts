import type { GiftDispatchStatus } from './gift-dispatch-status.ts';

declare module '../../../platform/events/domain-events.ts' {
  interface DomainEvents {
    /** The 赤ちゃんファースト card of a claim moved (prepared, mailed, registered). notify tells the parent. */
    'gift-dispatch.status-changed': {
      claimId: string;
      parentId: string;
      childId: string;
      from: GiftDispatchStatus | null;
      to: GiftDispatchStatus;
    };
  }
}

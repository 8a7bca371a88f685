declare module '../../platform/events/domain-events.ts' {
  interface DomainEvents {
    /** The Tokyo file was imported and something changed. */
    'registry.imported': { created: number; updated: number; retired: number };
    /** A staff edit was approved and is now public (or a program was retired). */
    'registry.program-changed': {
      programId: string;
      psid: string;
      kind: 'created' | 'updated' | 'retired';
      version: number;
    };
  }
}

export {};

/** Who is doing something: every audit record and every scoped query starts from one of these. */
export type ActorType = 'anonymous' | 'parent' | 'staff' | 'nursery-staff' | 'clinic-staff' | 'partner-app' | 'system';

export interface Actor {
  type: ActorType;
  /** Stable id of the account or client; undefined for anonymous callers. */
  id?: string;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'tsunagu' };
export const ANONYMOUS_ACTOR: Actor = { type: 'anonymous' };

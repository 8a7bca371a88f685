import type { StaffRole } from './staff-roles.ts';

/** Who is doing something: every audit record and every scoped query starts from one of these. */
export type ActorType = 'anonymous' | 'parent' | 'staff' | 'nursery-staff' | 'clinic-staff' | 'partner-app' | 'system';

export interface Actor {
  type: ActorType;
  /** Stable id of the account or client; undefined for anonymous callers. */
  id?: string;
  /**
   * Staff (and nursery/clinic staff): the municipality the account belongs to. TOKYO_CODE (130001) means Tokyo-wide.
   * Parents: the municipality they live in now.
   */
  municipalityCode?: string;
  /** Staff only: what the account may do (see permissions.ts). */
  roles?: readonly StaffRole[];
  /** Parents only: the household they belong to; the only one they may see. */
  householdId?: string;
  /** Nursery staff only: the nursery they work for. */
  nurseryId?: string;
  /** Clinic/pharmacy staff only: the 10-digit medical institution code. */
  institutionCode?: string;
  /** Partner apps only: the scopes granted to the API key in use. */
  scopes?: readonly string[];
  /** The session or API key this request came with, for sign-out and audit. */
  sessionId?: string;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'tsunagu' };
export const ANONYMOUS_ACTOR: Actor = { type: 'anonymous' };

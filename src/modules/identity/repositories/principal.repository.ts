import { eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { SessionRow } from '../sessions/session-store.ts';
import { parents } from '../tables/household.tables.ts';
import { findStaffById, staffActorOf } from './staff.repository.ts';

/**
 * Who a signed-in session stands for, read fresh on every request (system path: the actor is not known yet), so a
 * disabled account or a move to another municipality takes effect at once. Undefined when the person is gone.
 */
export async function actorForSession(db: Db, session: SessionRow): Promise<Actor | undefined> {
  if (session.principalType === 'parent') {
    const [parent] = await db
      .select({ id: parents.id, householdId: parents.householdId, municipalityCode: parents.municipalityCode })
      .from(parents)
      .where(eq(parents.id, session.principalId));
    if (!parent) return undefined;
    return {
      type: 'parent',
      id: parent.id,
      householdId: parent.householdId,
      municipalityCode: parent.municipalityCode,
      sessionId: session.id,
    };
  }
  const staff = await findStaffById(db, session.principalId);
  if (staff?.status !== 'active') return undefined;
  return staffActorOf(staff, session.id);
}

import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { SessionRow } from '../sessions/session-store.ts';
import { parents } from '../tables/household.tables.ts';
import { sessions } from '../tables/session.tables.ts';
import { staffAccounts } from '../tables/staff.tables.ts';
import { findStaffById, type StaffRow, staffActorOf } from './staff.repository.ts';

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
    return parent ? parentActorOf(parent, session.id) : undefined;
  }
  const staff = await findStaffById(db, session.principalId);
  if (staff?.status !== 'active') return undefined;
  return staffActorOf(staff, session.id);
}

type ParentFacts = { id: string; householdId: string; municipalityCode: string };

function parentActorOf(parent: ParentFacts, sessionId: string): Actor {
  return {
    type: 'parent',
    id: parent.id,
    householdId: parent.householdId,
    municipalityCode: parent.municipalityCode,
    sessionId,
  };
}

/** The session row and whoever it stands for, in one prepared statement (one round trip per request). */
function sessionWithPrincipalQuery(db: Db) {
  return db
    .select({
      session: sessions,
      parent: { id: parents.id, householdId: parents.householdId, municipalityCode: parents.municipalityCode },
      staff: staffAccounts,
    })
    .from(sessions)
    .leftJoin(parents, and(eq(sessions.principalType, 'parent'), eq(parents.id, sessions.principalId)))
    .leftJoin(staffAccounts, and(eq(sessions.principalType, 'staff'), eq(staffAccounts.id, sessions.principalId)))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('identity.session-with-principal');
}
const prepared = new WeakMap<Db, ReturnType<typeof sessionWithPrincipalQuery>>();

/**
 * What the request hook needs on every request: the session of a token hash and the actor it stands for, read
 * together (as actorForSession would read it: a parent, or an active staff account; undefined when gone or disabled).
 * The session's timeouts are checked by the caller (checkSession) exactly as before.
 */
export async function findSessionWithActor(
  db: Db,
  sessionId: string,
): Promise<{ session: SessionRow; actor: Actor | undefined } | undefined> {
  let query = prepared.get(db);
  if (!query) {
    query = sessionWithPrincipalQuery(db);
    prepared.set(db, query);
  }
  const [row] = await query.execute({ id: sessionId });
  if (!row) return undefined;
  return { session: row.session, actor: actorOf(row.session, row.parent, row.staff) };
}

function actorOf(session: SessionRow, parent: ParentFacts | null, staff: StaffRow | null): Actor | undefined {
  if (session.principalType === 'parent') return parent ? parentActorOf(parent, session.id) : undefined;
  if (staff?.status !== 'active') return undefined;
  return staffActorOf(staff, session.id);
}

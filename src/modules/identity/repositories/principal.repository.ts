import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { Batcher } from '../../../platform/db/batcher.ts';
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

/**
 * Sessions and whoever they stand for, for a set of token hashes, in one prepared statement. Every request needs
 * this; requests that arrive together share one statement (platform/db/batcher.ts), so under load the lookup costs
 * one round trip per batch instead of one per request — and, unlike a cache, it always reads the current row, so a
 * revoked session or a disabled account stops working at once.
 */
function sessionsWithPrincipalQuery(db: Db) {
  return db
    .select({
      session: sessions,
      parent: { id: parents.id, householdId: parents.householdId, municipalityCode: parents.municipalityCode },
      staff: staffAccounts,
    })
    .from(sessions)
    .leftJoin(parents, and(eq(sessions.principalType, 'parent'), eq(parents.id, sessions.principalId)))
    .leftJoin(staffAccounts, and(eq(sessions.principalType, 'staff'), eq(staffAccounts.id, sessions.principalId)))
    .where(sql`${sessions.id} = any(${sql.placeholder('ids')}::text[])`)
    .prepare('identity.sessions-with-principal');
}

type SessionWithActor = { session: SessionRow; actor: Actor | undefined };
const batchers = new WeakMap<Db, Batcher<string, SessionWithActor | undefined>>();

function sessionBatcher(db: Db): Batcher<string, SessionWithActor | undefined> {
  let batcher = batchers.get(db);
  if (!batcher) {
    const query = sessionsWithPrincipalQuery(db);
    batcher = new Batcher({
      maxBatch: 200,
      maxInFlight: 2,
      run: async (ids) => {
        // Many requests of one signed-in client may wait together: each distinct session is read once.
        const rows = await query.execute({ ids: [...new Set(ids)] });
        const byId = new Map(
          rows.map((row) => [
            row.session.id,
            { session: row.session, actor: actorOf(row.session, row.parent, row.staff) },
          ]),
        );
        return ids.map((id) => byId.get(id));
      },
    });
    batchers.set(db, batcher);
  }
  return batcher;
}

/**
 * What the request hook needs on every request: the session of a token hash and the actor it stands for, read
 * together (as actorForSession would read it: a parent, or an active staff account; undefined when gone or disabled).
 * The session's timeouts are checked by the caller (checkSession) exactly as before.
 */
export function findSessionWithActor(db: Db, sessionId: string): Promise<SessionWithActor | undefined> {
  return sessionBatcher(db).submit(sessionId);
}

function actorOf(session: SessionRow, parent: ParentFacts | null, staff: StaffRow | null): Actor | undefined {
  if (session.principalType === 'parent') return parent ? parentActorOf(parent, session.id) : undefined;
  if (staff?.status !== 'active') return undefined;
  return staffActorOf(staff, session.id);
}

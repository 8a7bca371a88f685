import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { QueryResult, QueryResultRow } from 'pg';
import type { DbOrTx } from './database.ts';

const dialect = new PgDialect();

/**
 * `db.execute(query)` as a NAMED prepared statement on the connection it runs on. PostgreSQL parses, rewrites (row-
 * level security policies included) and plans an unnamed statement every time; a named one is parsed once per
 * connection and its plan is kept (the benefits household read: 0.50 → 0.13 ms of PostgreSQL CPU). The name comes
 * from the statement's text, so each distinct text is its own statement: use it for hot statements whose text does
 * not grow with their input (values as parameters, rows as one jsonb parameter: json-rows-insert.ts), or a
 * connection collects one prepared statement per variant. Plans stay correct under RLS: the policies read the scope
 * with current_setting() when the statement runs, and PostgreSQL replans when the role changes.
 */
export function executePrepared<T extends QueryResultRow>(db: DbOrTx, query: SQL): Promise<QueryResult<T>> {
  const built = dialect.sqlToQuery(query);
  return executePreparedText<T>(db, built.sql, built.params);
}

/** executePrepared for a statement already written as text with $1…$n parameters (a library's own SQL). */
export async function executePreparedText<T extends QueryResultRow>(
  db: DbOrTx,
  text: string,
  params: readonly unknown[],
): Promise<QueryResult<T>> {
  const query = { sql: text, params: [...params] };
  return (await db._.session.prepareQuery(query, undefined, statementName(text), false).execute()) as QueryResult<T>;
}

/** Names by text, so a hot statement's text is hashed once per process, not once per execution. */
const names = new Map<string, string>();
const MAX_NAMES = 10_000;

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `tsunagu_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    // A bound against a caller that (wrongly) builds a new text per call: forget and start again.
    if (names.size >= MAX_NAMES) names.clear();
    names.set(text, name);
  }
  return name;
}

import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * An INSERT of rows of a drizzle table sent as ONE jsonb parameter (jsonb_to_recordset), for statements on hot
 * paths: drizzle's builder turns every value of every row into its own parameter, mapped and escaped one by one
 * (40–150 µs of CPU per statement on the benefits submission), where this builds one short text and one
 * JSON.stringify. The properties of the first row are the columns written (every row must have the same ones);
 * the others take their column defaults. Values go through JSON: strings, numbers, booleans, null, Dates (ISO
 * text) and plain objects or arrays for json/jsonb columns. Returns the statement, to send or to use in a CTE.
 */
export function jsonRowsInsert<T extends PgTable>(table: T, rows: readonly Partial<T['$inferInsert']>[]): SQL {
  const first = rows[0];
  if (!first) throw new Error('jsonRowsInsert: no rows');
  const columns = getTableColumns(table);
  const written = Object.keys(first).map((property) => {
    const column = columns[property];
    if (!column) throw new Error(`jsonRowsInsert: ${property} is not a column`);
    return { property, name: column.name, type: column.getSQLType() };
  });
  const json = JSON.stringify(
    rows.map((row) => Object.fromEntries(written.map((c) => [c.name, (row as Record<string, unknown>)[c.property]]))),
  );
  const names = written.map((c) => `"${c.name}"`).join(', ');
  const types = written.map((c) => `"${c.name}" ${c.type}`).join(', ');
  return sql`insert into ${table} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${json}::jsonb) as r(${sql.raw(types)})`;
}

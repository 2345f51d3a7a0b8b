import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';

export type TJsonColumns = Record<string, [column: AnyPgColumn, sqlType: string]>;

/**
 * `INSERT … SELECT` from one JSON parameter, in the order given. Drizzle takes seconds to build a
 * VALUES list of tens of thousands of parameters; PostgreSQL unpacks the JSON in milliseconds.
 */
export function insertFromJson(table: PgTable, columns: TJsonColumns, rows: Record<string, unknown>[], tail: SQL = sql``): SQL {
  const keys = Object.keys(columns);
  const def = (k: string) => columns[k] as [AnyPgColumn, string];
  const target = sql.join(
    keys.map((k) => sql.identifier(def(k)[0].name)),
    sql`, `,
  );
  const picked = sql.join(
    keys.map((k) => sql`x.${sql.identifier(k)}`),
    sql`, `,
  );
  const types = sql.raw(keys.map((k) => `"${k}" ${def(k)[1]}`).join(', '));
  const names = sql.raw(keys.map((k) => `"${k}"`).join(', '));
  return sql`insert into ${table} (${target}) select ${picked}
    from rows from (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as (${types})) with ordinality as x(${names}, ord)
    order by x.ord ${tail}`;
}

export const rowsOf = <T>(result: unknown): T[] =>
  // node-postgres answers { rows }, PGlite too; both drivers through drizzle's execute().
  ((result as { rows?: T[] }).rows ?? []) as T[];

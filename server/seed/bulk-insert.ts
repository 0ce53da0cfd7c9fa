import type pg from 'pg';
import { runQuery, sql, type SqlFragment } from '../db/sql.ts';

/** A column of a bulk insert: its SQL array type for unnest, and how to read it from a row. */
export interface BulkColumn<Row> {
  name: string;
  type: 'int' | 'bigint' | 'float8' | 'text' | 'bool' | 'timestamptz' | 'date' | 'jsonb';
  value: (row: Row) => unknown;
}

const CHUNK_ROWS = 20_000;

/**
 * Inserts rows through `unnest` of one array per column, in chunks, so thousands of rows cost one
 * round trip. `select` receives the unnested columns as a FROM item named `input` (columns named as
 * given) and turns them into the table's columns, so codes can be resolved to ids and coordinates to
 * geometry in SQL. Throws when a chunk inserts fewer rows than it was given (a code that did not resolve).
 */
export async function bulkInsert<Row>(
  client: pg.ClientBase,
  target: string,
  columns: BulkColumn<Row>[],
  select: (input: SqlFragment) => SqlFragment,
  rows: readonly Row[],
): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    const arrays = sql.join(
      columns.map((column) => sql`${chunk.map((row) => column.value(row))}::${sql.raw(column.type)}[]`),
      ', ',
    );
    const input = sql`unnest(${arrays}) AS input(${sql.raw(columns.map((column) => column.name).join(', '))})`;
    // `target` is a table and column list written in the seed's code, never input.
    const result = await runQuery(client, sql`INSERT INTO ${sql.raw(target)} ${select(input)}`);
    if (result.rowCount !== chunk.length) {
      throw new Error(`${target}: inserted ${result.rowCount} of ${chunk.length} rows; some codes did not resolve`);
    }
    inserted += chunk.length;
  }
  return inserted;
}

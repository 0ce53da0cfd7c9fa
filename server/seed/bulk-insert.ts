import type pg from 'pg';

/** A column of a bulk insert: its SQL array type for unnest, and how to read it from a row. */
export interface BulkColumn<Row> {
  name: string;
  type: 'int' | 'bigint' | 'float8' | 'text' | 'bool' | 'timestamptz' | 'date' | 'jsonb';
  value: (row: Row) => unknown;
}

const CHUNK_ROWS = 20_000;

/**
 * Inserts rows through `unnest` of one array per column, in chunks, so thousands of rows cost one
 * round trip. `selectSql` turns the unnested columns (named as given) into the table's columns, so
 * codes can be resolved to ids and coordinates to geometry in SQL.
 * Throws when a chunk inserts fewer rows than it was given (a code that did not resolve).
 */
export async function bulkInsert<Row>(
  client: pg.ClientBase,
  target: string,
  columns: BulkColumn<Row>[],
  selectSql: string,
  rows: readonly Row[],
): Promise<number> {
  const unnest = `unnest(${columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ')}) AS input(${columns.map((column) => column.name).join(', ')})`;
  const sql = `INSERT INTO ${target} ${selectSql.replace('$INPUT', unnest)}`;
  let inserted = 0;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    const parameters = columns.map((column) => chunk.map((row) => column.value(row)));
    const result = await client.query(sql, parameters);
    if (result.rowCount !== chunk.length) {
      throw new Error(`${target}: inserted ${result.rowCount} of ${chunk.length} rows; some codes did not resolve`);
    }
    inserted += chunk.length;
  }
  return inserted;
}

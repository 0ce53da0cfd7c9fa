import type pg from 'pg';

/** The tables whose row counts the detailed health reports, in the order of DESIGN.md §5. */
export const COUNTED_TABLES = [
  'areas',
  'grids',
  'grid_revisions',
  'roads',
  'blocks',
  'compounds',
  'buildings',
  'staff',
  'service_points',
  'volunteer_teams',
  'volunteers',
  'patrols',
  'patrol_points',
  'incidents',
  'incident_events',
  'users',
] as const;

/**
 * Row counts from the planner's statistics (kept by ANALYZE and autovacuum), not count(*): reading
 * them costs the same for 500 rows or 5 million. A table never analysed reports -1 there; 0 here.
 */
export async function estimateRowCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ table_name: string; row_count: number }>(
    `SELECT relname AS table_name, greatest(reltuples, 0)::bigint::int AS row_count
       FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname = ANY($1::text[])`,
    [COUNTED_TABLES],
  );
  const counts = Object.fromEntries(COUNTED_TABLES.map((table) => [table, 0]));
  for (const row of rows) counts[row.table_name] = row.row_count;
  return counts;
}

import type pg from 'pg';

/** The tables whose row counts /api/health reports, in the order of DESIGN.md §5. */
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

export async function countRows(pool: pg.Pool): Promise<Record<string, number>> {
  // Table names come from the constant above, never from a request.
  const sql = COUNTED_TABLES.map((table) => `SELECT '${table}' AS table_name, count(*)::int AS row_count FROM ${table}`).join(' UNION ALL ');
  const result = await pool.query<{ table_name: string; row_count: number }>(sql);
  return Object.fromEntries(result.rows.map((row) => [row.table_name, row.row_count]));
}

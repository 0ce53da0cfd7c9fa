import { describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../../server/db/migrate.ts';
import { testBackend } from '../../helpers/test-database.ts';
import { useTestPool } from '../../helpers/test-pool.ts';

const database = useTestPool();

/** Everything the migrations define: columns, constraints and indexes of the public schema. */
async function schemaSnapshot(): Promise<string[]> {
  const { rows } = await database.pool.query<{ item: string }>(`
    SELECT format('column %s.%s %s %s', table_name, column_name, data_type, is_nullable) AS item
      FROM information_schema.columns WHERE table_schema = 'public'
    UNION ALL
    SELECT format('constraint %s %s', conrelid::regclass, pg_get_constraintdef(oid)) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
    UNION ALL
    SELECT format('index %s', indexdef) FROM pg_indexes WHERE schemaname = 'public'
    ORDER BY 1`);
  return rows.map((row) => row.item);
}

describe(`migrations on ${testBackend()}`, () => {
  it('have all been applied and recorded in order', async () => {
    const { rows } = await database.pool.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows).toEqual(listMigrations().map(({ version, name }) => ({ version, name })));
  });

  it('change nothing when applied again', async () => {
    const before = await schemaSnapshot();
    const counts = (await database.pool.query('SELECT (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM grids) AS grids')).rows[0];
    const result = await migrate(database.pool);
    expect(result.applied).toEqual([]);
    expect(result.level).toBe(listMigrations().at(-1)!.version);
    expect(await schemaSnapshot()).toEqual(before);
    expect((await database.pool.query('SELECT (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM grids) AS grids')).rows[0]).toEqual(counts);
  });

  it('create SRID 4326 geometry columns, each with a GIST index', async () => {
    const { rows } = await database.pool.query<{ table: string; column: string; srid: number; indexed: boolean }>(`
      SELECT f_table_name AS table, f_geometry_column AS column, srid,
             EXISTS (SELECT 1 FROM pg_indexes i WHERE i.tablename = f_table_name AND i.indexdef ILIKE '%USING gist (' || f_geometry_column || ')%') AS indexed
        FROM geometry_columns WHERE f_table_schema = 'public' AND f_geometry_column = 'geom'`);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows) {
      expect(row, `${row.table}.${row.column}`).toMatchObject({ srid: 4326, indexed: true });
    }
  });

  it('reject invalid geometry, unknown statuses and unknown categories', async () => {
    const grid = (await database.pool.query('SELECT id, community_id FROM grids LIMIT 1')).rows[0];
    const bowtie = 'SRID=4326;POLYGON((112.5 32.97, 112.51 32.98, 112.51 32.97, 112.5 32.98, 112.5 32.97))';
    await expect(database.pool.query(`UPDATE grids SET geom = $1::geometry WHERE id = $2`, [bowtie, grid.id])).rejects.toThrow(/check constraint/);
    const insertIncident = (status: string, category: string) =>
      database.pool.query(
        `INSERT INTO incidents (community_id, grid_id, category, status, source, title, reported_at, updated_at, geom)
         VALUES ($1, $2, $3, $4, 'grid_staff', 'test', now(), now(), ST_SetSRID(ST_MakePoint(112.5, 32.97), 4326))`,
        [grid.community_id, grid.id, category, status],
      );
    await expect(insertIncident('lost', 'sanitation')).rejects.toThrow(/incidents_status_check/);
    await expect(insertIncident('reported', 'graffiti')).rejects.toThrow(/incidents_category_check/);
  });
});

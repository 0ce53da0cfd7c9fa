import type pg from 'pg';
import type { PatrolNight } from '#domain/local-time.ts';
import { PATROL_COVERAGE_RADIUS_METRES } from '#domain/patrol-coverage.ts';
import { runQuery, sql } from '../db/sql.ts';
import { COORDINATE_DECIMALS } from './collections/collection.ts';

export interface GridCoverage {
  gridId: number;
  name: string;
  compounds: number;
  covered: number;
}

export function patrolsRepository(pool: pg.Pool) {
  return {
    /**
     * Patrol coverage of a night per grid (DESIGN.md §6): the compounds a GPS point of the night came near
     * (patrolled_near, one SQL rule), and the missed ones as Features. Empty when the community is outside the scope.
     */
    async coverage(community: number, scope: number[], night: PatrolNight): Promise<{ grids: GridCoverage[]; missed: string[] }> {
      const { rows } = await runQuery<{ compoundId: number; name: string; gridId: number | null; covered: boolean; feature: string | null }>(
        pool,
        sql`SELECT compound.id AS "compoundId", compound.name, compound.grid_id AS "gridId", state.covered,
                   CASE WHEN NOT state.covered THEN '{"type":"Feature","id":' || compound.id || ',"geometry":' || ST_AsGeoJSON(ST_ForcePolygonCCW(compound.geom), ${COORDINATE_DECIMALS})
                        || ',"properties":' || json_build_object('id', compound.id, 'name', compound.name, 'gridId', compound.grid_id)::text || '}' END AS feature
              FROM compounds AS compound
             CROSS JOIN LATERAL (SELECT patrolled_near(compound.community_id, compound.geom, ${night.starts}::timestamptz, ${night.ends}::timestamptz, ${PATROL_COVERAGE_RADIUS_METRES}) AS covered) AS state
             WHERE compound.community_id = ${community} AND compound.community_id = ANY(${scope}::int[])
             ORDER BY compound.id`,
      );
      const { rows: grids } = await runQuery<{ gridId: number; name: string }>(
        pool,
        sql`SELECT id AS "gridId", name FROM grids WHERE community_id = ${community} AND community_id = ANY(${scope}::int[]) ORDER BY id`,
      );
      return {
        grids: grids.map((grid) => {
          const inGrid = rows.filter((row) => row.gridId === grid.gridId);
          return { ...grid, compounds: inGrid.length, covered: inGrid.filter((row) => row.covered).length };
        }),
        missed: rows.flatMap((row) => (row.feature ? [row.feature] : [])),
      };
    },

    /** How many patrols of the community ran (in part) during the night: 0 means no patrol was recorded. */
    async countInNight(community: number, scope: number[], night: PatrolNight): Promise<number> {
      const { rows } = await runQuery<{ count: number }>(
        pool,
        sql`SELECT count(*)::int AS count FROM patrols
             WHERE community_id = ${community} AND community_id = ANY(${scope}::int[])
               AND started_at < ${night.ends}::timestamptz AND ended_at >= ${night.starts}::timestamptz`,
      );
      return rows[0].count;
    },

    /** Whether the community exists and the user may see it. */
    async inScope(community: number, scope: number[]): Promise<boolean> {
      const { rows } = await runQuery(pool, sql`SELECT 1 FROM areas WHERE id = ${community} AND level = 'community' AND id = ANY(${scope}::int[])`);
      return rows.length === 1;
    },
  };
}

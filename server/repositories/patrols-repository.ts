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

/** One GPS fix of a patrol. */
export interface PatrolFix {
  at: Date;
  longitude: number;
  latitude: number;
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

    /**
     * For each fix, how far (metres) it lies from the community's boundary, 0 inside: a device's fix far away is
     * refused, and a swapped longitude and latitude are thousands of kilometres off.
     */
    async distancesFromCommunity(community: number, fixes: PatrolFix[]): Promise<number[]> {
      const { rows } = await runQuery<{ metres: number }>(
        pool,
        sql`SELECT ST_Distance(area.geom::geography, ST_SetSRID(ST_MakePoint(fix.longitude, fix.latitude), 4326)::geography)::float8 AS metres
              FROM areas AS area, unnest(${fixes.map((fix) => fix.longitude)}::float8[], ${fixes.map((fix) => fix.latitude)}::float8[]) WITH ORDINALITY AS fix(longitude, latitude, i)
             WHERE area.id = ${community} ORDER BY fix.i`,
      );
      return rows.map((row) => row.metres);
    },

    /**
     * Appends GPS fixes (in time order) to a patrol under way, in the caller's transaction: to `patrolId`, or to
     * a new patrol of the community's security patrol team when it is null. The patrol's id; undefined when
     * `patrolId` is not a patrol of the community, or the community has no security patrol team.
     */
    async appendFixes(client: pg.ClientBase, community: number, patrolId: number | null, fixes: PatrolFix[]): Promise<number | undefined> {
      const first = fixes[0].at.toISOString();
      const last = fixes[fixes.length - 1].at.toISOString();
      const patrol =
        patrolId === null
          ? await runQuery<{ id: number }>(
              client,
              sql`INSERT INTO patrols (community_id, team_id, started_at, ended_at)
                  SELECT team.community_id, team.id, ${first}::timestamptz, ${last}::timestamptz FROM volunteer_teams AS team
                   WHERE team.community_id = ${community} AND team.kind = 'security_patrol' ORDER BY team.id LIMIT 1
                  RETURNING id::int AS id`,
            )
          : await runQuery<{ id: number }>(
              client,
              sql`UPDATE patrols SET ended_at = greatest(ended_at, ${last}::timestamptz), started_at = least(started_at, ${first}::timestamptz)
                   WHERE community_id = ${community} AND id = ${patrolId} RETURNING id::int AS id`,
            );
      const id = patrol.rows[0]?.id;
      if (id === undefined) return undefined;
      await runQuery(
        client,
        sql`INSERT INTO patrol_points (community_id, patrol_id, recorded_at, geom)
            SELECT ${community}, ${id}, fix.at, ST_SetSRID(ST_MakePoint(fix.longitude, fix.latitude), 4326)
              FROM unnest(${fixes.map((fix) => fix.at.toISOString())}::timestamptz[], ${fixes.map((fix) => fix.longitude)}::float8[], ${fixes.map((fix) => fix.latitude)}::float8[])
                   AS fix(at, longitude, latitude)`,
      );
      return id;
    },

    /** Whether the community exists and the user may see it. */
    async inScope(community: number, scope: number[]): Promise<boolean> {
      const { rows } = await runQuery(pool, sql`SELECT 1 FROM areas WHERE id = ${community} AND level = 'community' AND id = ANY(${scope}::int[])`);
      return rows.length === 1;
    },
  };
}

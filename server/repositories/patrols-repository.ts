import type pg from 'pg';
import { extentColumns, queryFeaturePage, type FeaturePage } from './feature-page.ts';
import type { PatrolNight } from '#domain/local-time.ts';
import { COMPOUND_COVERED_SQL } from './areas-repository.ts';

export function patrolsRepository(pool: pg.Pool) {
  return {
    /** One LineString per patrol, with the time of every vertex (epoch seconds) in `times`. */
    async list(filters: { scope: number[]; community: number; from: string; to: string; afterId?: number; limit: number }): Promise<FeaturePage> {
      const sql = `
        SELECT ST_AsGeoJSON(page.*, 'geom', 7) AS feature, page.id::text AS cursor, ${extentColumns('page.geom')}
          FROM (SELECT patrol.id, patrol.team_id AS "teamId", team.name AS team, patrol.community_id AS "communityId",
                       to_char(patrol.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "startedAt",
                       to_char(patrol.ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "endedAt",
                       round(ST_Length(track.line::geography))::int AS "distanceMetres", track.times, track.line AS geom
                  FROM patrols AS patrol
                  JOIN volunteer_teams AS team ON team.id = patrol.team_id
                  CROSS JOIN LATERAL (
                    SELECT ST_MakeLine(point.geom ORDER BY point.recorded_at) AS line,
                           array_agg(extract(epoch FROM point.recorded_at)::bigint ORDER BY point.recorded_at) AS times
                      FROM patrol_points AS point WHERE point.community_id = patrol.community_id AND point.patrol_id = patrol.id) AS track
                 WHERE patrol.community_id = $1 AND patrol.community_id = ANY($2::int[])
                   AND patrol.started_at < $4::timestamptz AND patrol.ended_at >= $3::timestamptz
                   AND patrol.id > $5 AND track.line IS NOT NULL
                 ORDER BY patrol.id LIMIT $6) AS page`;
      return queryFeaturePage(pool, sql, [filters.community, filters.scope, filters.from, filters.to, filters.afterId ?? 0, filters.limit + 1], filters.limit);
    },

    /** Share of courtyards per grid that a GPS point of the night came within 50 m of, and the ones missed. */
    async coverage(community: number, scope: number[], night: PatrolNight) {
      const { rows } = await pool.query<{ gridId: number; name: string; compounds: number; covered: number; missed: string | null }>(
        `WITH night AS (SELECT $3::timestamptz AS starts, $4::timestamptz AS ends),
         compound_state AS (
           SELECT compound.id, compound.name, compound.geom,
                  (SELECT grid.id FROM grids AS grid WHERE grid.community_id = compound.community_id AND ST_Covers(grid.geom, ST_PointOnSurface(compound.geom)) LIMIT 1) AS grid_id,
                  ${COMPOUND_COVERED_SQL('compound', 'night.starts', 'night.ends')} AS covered
             FROM compounds AS compound CROSS JOIN night
            WHERE compound.community_id = $1 AND compound.community_id = ANY($2::int[])
         )
         SELECT grid.id AS "gridId", grid.name, count(state.id)::int AS compounds, count(state.id) FILTER (WHERE state.covered)::int AS covered,
                string_agg(CASE WHEN NOT state.covered THEN ST_AsGeoJSON(missed.*, 'geom', 7) END, ',') AS missed
           FROM grids AS grid
           LEFT JOIN compound_state AS state ON state.grid_id = grid.id
           LEFT JOIN LATERAL (SELECT state.id, state.name, state.grid_id AS "gridId", ST_ForcePolygonCCW(state.geom) AS geom) AS missed ON true
          WHERE grid.community_id = $1 AND grid.community_id = ANY($2::int[])
          GROUP BY grid.id ORDER BY grid.id`,
        [community, scope, night.starts.toISOString(), night.ends.toISOString()],
      );
      return rows;
    },

    /** How many patrols of the community ran (in part) during the window: 0 means no patrol was recorded. */
    async countInWindow(community: number, scope: number[], night: PatrolNight): Promise<number> {
      const { rows } = await pool.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM patrols
          WHERE community_id = $1 AND community_id = ANY($2::int[]) AND started_at < $4::timestamptz AND ended_at >= $3::timestamptz`,
        [community, scope, night.starts.toISOString(), night.ends.toISOString()],
      );
      return rows[0].count;
    },
  };
}
